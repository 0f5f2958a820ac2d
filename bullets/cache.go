package bullets

import (
	"container/list"
	"fmt"
	"sync"
)

// Cache stores model rewrites by request key, so a repeated request costs nothing. A
// product can back it with a shared store; implementations must be safe for concurrent
// use. Keys are hex strings derived from the prompt hash, the model, the rules version,
// the normalized bullet, the job keywords and the facts; they hold no resume text. The
// Rewriter runs the Guard again on every hit and ignores one it rejects, so a store
// shared with other catalogs or versions never serves an unchecked rewrite.
type Cache interface {
	// Get returns the result stored under key.
	Get(key string) (Result, bool)
	// Put stores r under key.
	Put(key string, r Result)
}

// DefaultCacheSize is the number of results New's default cache holds.
const DefaultCacheSize = 1024

// MemoryCache is an in-memory least-recently-used Cache holding a bounded number of
// results. Create it with NewMemoryCache; it is safe for concurrent use.
type MemoryCache struct {
	mu    sync.Mutex
	size  int
	ll    *list.List // front is most recent; values are *cacheEntry
	items map[string]*list.Element
}

type cacheEntry struct {
	key string
	r   Result
}

// NewMemoryCache returns an empty cache that holds at most size results, evicting the
// least recently used. It panics if size < 1.
func NewMemoryCache(size int) *MemoryCache {
	if size < 1 {
		panic(fmt.Sprintf("bullets: NewMemoryCache(%d): size must be at least 1", size))
	}
	return &MemoryCache{size: size, ll: list.New(), items: map[string]*list.Element{}}
}

// Get returns a copy of the result stored under key and marks it recently used.
func (c *MemoryCache) Get(key string) (Result, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.items[key]
	if !ok {
		return Result{}, false
	}
	c.ll.MoveToFront(e)
	return e.Value.(*cacheEntry).r.clone(), true
}

// Put stores a copy of r under key, evicting the least recently used result when full.
func (c *MemoryCache) Put(key string, r Result) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[key]; ok {
		e.Value.(*cacheEntry).r = r.clone()
		c.ll.MoveToFront(e)
		return
	}
	c.items[key] = c.ll.PushFront(&cacheEntry{key: key, r: r.clone()})
	if c.ll.Len() > c.size {
		old := c.ll.Back()
		c.ll.Remove(old)
		delete(c.items, old.Value.(*cacheEntry).key)
	}
}

// Len returns the number of results stored.
func (c *MemoryCache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.ll.Len()
}
