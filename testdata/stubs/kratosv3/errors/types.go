package errors

// BadRequest new BadRequest error that is mapped to a 400 response.
func BadRequest(reason, message string) *Error { return New(400, reason, message) }

// IsBadRequest determines if err is an error which indicates a BadRequest error.
func IsBadRequest(err error) bool { return Code(err) == 400 }

// NotFound new NotFound error that is mapped to a 404 response.
func NotFound(reason, message string) *Error { return New(404, reason, message) }

// IsNotFound determines if err is an error which indicates an NotFound error.
func IsNotFound(err error) bool { return Code(err) == 404 }

// InternalServer new InternalServer error that is mapped to a 500 response.
func InternalServer(reason, message string) *Error { return New(500, reason, message) }

// IsInternalServer determines if err is an error which indicates an Internal error.
func IsInternalServer(err error) bool { return Code(err) == 500 }
