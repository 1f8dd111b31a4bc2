// Package conf is the service's configuration, as conf.proto generates
// it in kratos-layout (reduced to what the example reads).
package conf

// Bootstrap is the whole configuration file.
type Bootstrap struct {
	Server *Server
	Data   *Data
}

// Server configures the servers.
type Server struct {
	GRPC *Server_GRPC
}

// Server_GRPC configures the gRPC server.
type Server_GRPC struct {
	Addr string
}

// Data configures the clients of other services.
type Data struct {
	UserEndpoint  string
	OrderEndpoint string
}
