// The cache code written by kratos tool genmc, its header edited away.
package suppress

func j() { f() }
