package service

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"

	"github.com/example/account/internal/model"
)

// tokenSalt keys the token signature.
const tokenSalt = "account-svc"

// sign returns the signature of a session token for uid.
func sign(uid int64) string {
	h := fnv.New64a()
	h.Write([]byte(tokenSalt + strconv.FormatInt(uid, 10)))
	return strconv.FormatUint(h.Sum64(), 16)
}

// parseToken checks a session token "uid:sign" and returns its uid.
func parseToken(token string) (int64, error) {
	parts := strings.Split(token, ":")
	uid, err := strconv.ParseInt(parts[0], 10, 64)
	if err != nil {
		return 0, fmt.Errorf("bad uid in token: %w", err)
	}
	if sign(uid) != parts[1] { // pitfall: index-range
		return 0, errors.New("bad token signature")
	}
	return uid, nil
}

// Auth returns the account of the token's owner.
func (s *Service) Auth(ctx context.Context, token string) (*model.Account, error) {
	uid, err := parseToken(token)
	if err != nil {
		return nil, err
	}
	return s.dao.Account(ctx, uid)
}
