package dao

import (
	"context"
	"database/sql"
	"os"
)

// --- a path that exits: os.Exit runs no deferred function ---

// Migrate exits on a dry run, where the deferred rollback never reads
// the first error; on the other path it is overwritten.
func (d *Dao) Migrate(ctx context.Context, tx *sql.Tx, dry bool) (err error) {
	defer func() {
		if err != nil {
			tx.Rollback() // in a deferred function
		}
	}()
	_, err = tx.ExecContext(ctx, "UPDATE user SET v = 2") // want `err from tx.ExecContext is overwritten at line \d+ before it is checked`
	if dry {
		os.Exit(0)
	} else {
		_, err = tx.ExecContext(ctx, "UPDATE meta SET v = 2")
	}
	return
}
