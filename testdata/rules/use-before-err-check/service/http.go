package service

import (
	bm "github.com/go-kratos/kratos/pkg/net/http/blademaster"
)

// userInfo renders the error but forgets to return: the framework's JSON
// writes the response and carries on.
func (s *Service) userInfo(c *bm.Context) {
	u, err := s.dao.User(c, 1)
	if err != nil {
		c.JSON(nil, err)
	}
	c.JSON(u.Name, nil) // want `u used after an err check that does not leave the block`
}

// userName returns after rendering the error.
func (s *Service) userName(c *bm.Context) {
	u, err := s.dao.User(c, 1)
	if err != nil {
		c.JSON(nil, err)
		return
	}
	c.JSON(u.Name, nil) // after a check that returns
}
