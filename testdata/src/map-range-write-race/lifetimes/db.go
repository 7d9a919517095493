package lifetimes

import "sync"

// DB allows one writing transaction at a time: Begin takes rwlock and the transaction releases it
// when it ends (in close), so everything a transaction does runs under it.
type DB struct {
	rwlock sync.Mutex
	free   *freelist
}

// Open builds the database.
func Open() *DB {
	return &DB{free: newFreelist()}
}

// Begin takes the writer lock for the transaction's lifetime and frees what older ones left.
func (db *DB) Begin() *Tx {
	db.rwlock.Lock()
	t := &Tx{db: db}
	db.free.release(t.id)
	return t
}
