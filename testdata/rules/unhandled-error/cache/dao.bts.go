package cache

import "context"

// ArticleFromCache was written by kratos tool genbts; its header was
// edited away, and it is generated code all the same.
func (d *Dao) ArticleFromCache(ctx context.Context, id string) string {
	v := d.store[id]
	d.AddCacheArticle(ctx, id, v) // generated code: fixed at its generator
	return v
}
