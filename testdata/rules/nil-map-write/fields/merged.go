package fields

// Bucket aggregates counters; Users is made only by some code paths.
type Bucket struct {
	ActID  int64
	Scores map[int64]int64
	Users  map[int64]struct{}
}

// Buckets holds the buckets of activities.
type Buckets struct {
	m map[int64]*Bucket
}

func (bs *Buckets) fill(b *Bucket) { b.Users = map[int64]struct{}{} }

// --- positives: the struct comes from a map, or is built here without the map ---

// Add creates a missing bucket without Users.
func (bs *Buckets) Add(actID, uid, n int64) {
	b, ok := bs.m[actID]
	if !ok {
		b = &Bucket{ActID: actID, Scores: make(map[int64]int64)}
		bs.m[actID] = b
	}
	b.Scores[uid] += n
	b.Users[uid] = struct{}{} // want `assignment to entry in nil map b.Users; b.Users is not made on every path to here`
}

// AddEmpty creates a missing bucket from an empty literal.
func (bs *Buckets) AddEmpty(actID, uid int64) *Bucket {
	b := bs.m[actID]
	if b == nil {
		b = &Bucket{}
	}
	b.Users[uid] = struct{}{} // want `assignment to entry in nil map b.Users`
	return b
}

// Stored keeps the new bucket in the map first: nothing runs in between
// that could make Users.
func (bs *Buckets) Stored(actID, uid int64) {
	b := &Bucket{ActID: actID}
	bs.m[actID] = b
	b.Users[uid] = struct{}{} // want `assignment to entry in nil map b.Users`
}

// --- negatives ---

// AddMade makes Users in the literal too.
func (bs *Buckets) AddMade(actID, uid int64) {
	b, ok := bs.m[actID]
	if !ok {
		b = &Bucket{ActID: actID, Users: make(map[int64]struct{})}
		bs.m[actID] = b
	}
	b.Users[uid] = struct{}{} // made in the literal on the !ok path
}

// AddThenMake makes Users through the merged pointer.
func (bs *Buckets) AddThenMake(actID, uid int64) {
	b, ok := bs.m[actID]
	if !ok {
		b = &Bucket{ActID: actID}
		bs.m[actID] = b
	}
	if b.Users == nil {
		b.Users = make(map[int64]struct{})
	}
	b.Users[uid] = struct{}{} // made through b when nil
}

// AddFilled hands the new bucket to a method that makes Users.
func (bs *Buckets) AddFilled(actID, uid int64) {
	b, ok := bs.m[actID]
	if !ok {
		b = &Bucket{ActID: actID}
		bs.fill(b)
	}
	b.Users[uid] = struct{}{} // fill got b and made Users
}

// StoredThenCalled stores the bucket and calls code that can reach it.
func (bs *Buckets) StoredThenCalled(actID, uid int64) {
	b := &Bucket{ActID: actID}
	bs.m[actID] = b
	bs.fillAll()
	b.Users[uid] = struct{}{} // fillAll may have made it through bs.m
}

func (bs *Buckets) fillAll() {
	for _, b := range bs.m {
		bs.fill(b)
	}
}

// StoredThenSet sets Users through the map after storing the bucket.
func (bs *Buckets) StoredThenSet(actID, uid int64) {
	b := &Bucket{ActID: actID}
	bs.m[actID] = b
	bs.m[actID].Users = make(map[int64]struct{})
	b.Users[uid] = struct{}{} // set through bs.m[actID], the same bucket
}

// Loop reuses a bucket built in an earlier iteration.
func Loop(ids []int64) {
	var b *Bucket
	for i, id := range ids {
		if i == 0 {
			b = &Bucket{Users: map[int64]struct{}{}}
		}
		b.Users[id] = struct{}{} // made on the first iteration (b is nil before, not the map)
	}
}
