package parse

import (
	"bufio"
	"os"
	"strings"
)

// CPULine reads the first line of /proc/stat (kratos pkg/stat/sys/cpu,
// go-zero core/stat): the kernel fixes its format, so a blank line is
// plausible only in principle.
func CPULine() (string, error) {
	f, err := os.Open("/proc/stat")
	if err != nil {
		return "", err
	}
	defer f.Close()
	line, err := bufio.NewReader(f).ReadString('\n')
	if err != nil {
		return "", err
	}
	parts := strings.Fields(line)
	return parts[0], nil /* information */ // want `parts\[0\] panics when line is blank`
}

// FirstKey reads the first line of a file the user names: it can be
// blank.
func FirstKey(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	line, err := bufio.NewReader(f).ReadString('\n')
	if err != nil {
		return "", err
	}
	parts := strings.Fields(line)
	return parts[0], nil // want `parts\[0\] panics when line is blank`
}
