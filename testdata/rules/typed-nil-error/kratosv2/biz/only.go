package biz

import (
	"context"

	"example.com/typednil/kratosv2/api"
	kerrors "github.com/go-kratos/kratos/v2/errors"
)

// OnlyUse is the file's only use of the errors package: rewriting it
// would leave the import unused, so there is no fix.
func OnlyUse(ctx context.Context, c api.UserClient) bool {
	_, err := c.GetUser(ctx, &api.GetUserRequest{Id: 1})
	return kerrors.Is(err, api.ErrorUserNotFound("")) // want `kerrors.Is\(err, api.ErrorUserNotFound\(""\)\) is always false: .* use api.IsUserNotFound\(err\)`
}
