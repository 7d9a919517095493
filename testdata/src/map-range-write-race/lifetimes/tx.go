package lifetimes

// Tx is a writing transaction: it holds db.rwlock from Begin until close.
type Tx struct {
	db *DB
	id int
}

// Commit ends the transaction; on failure it rolls back (negative: reindex runs under the lock the
// transaction holds, through rollback, reload and the func field readIDs).
func (tx *Tx) Commit(ok bool) {
	if !ok {
		tx.rollback()
		return
	}
	tx.close()
}

// Rollback ends the transaction.
func (tx *Tx) Rollback() {
	tx.rollback()
}

func (tx *Tx) rollback() {
	tx.db.free.reload([]int{tx.id})
	tx.close()
}

// Flush compacts, then ends the transaction (negative: a direct call before close).
func (tx *Tx) Flush() {
	tx.db.free.compact()
	tx.close()
}

// Abort ranges, then ends the transaction through finish (negative: two levels up from close).
func (tx *Tx) Abort() int {
	n := 0
	for range tx.db.free.pending {
		n++
	}
	tx.finish()
	return n
}

func (tx *Tx) finish() {
	tx.close()
}

// Discard ranges and then releases the lock itself (negative).
func (tx *Tx) Discard() int {
	n := 0
	for id := range tx.db.free.pending {
		n += id
	}
	tx.db.rwlock.Unlock()
	return n
}

// Done ranges after the transaction ended: the lock is released by then (positive).
func (tx *Tx) Done() int {
	tx.close()
	n := 0
	for range tx.db.free.pending { // want "tx.db.free.pending is ranged in Done without db.rwlock while release deletes from it under db.rwlock"
		n++
	}
	return n
}

// Peek takes and releases the lock before ranging (positive).
func (tx *Tx) Peek() int {
	tx.db.rwlock.Lock()
	tx.db.rwlock.Unlock()
	n := 0
	for range tx.db.free.pending { // want "tx.db.free.pending is ranged in Peek without db.rwlock while release deletes from it under db.rwlock"
		n++
	}
	return n
}

func (tx *Tx) close() {
	tx.db.rwlock.Unlock()
}
