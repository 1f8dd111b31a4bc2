package discovery // want package:"registers=false"

// discovery is the fork's discovery client.

type Builder interface{ Scheme() string }

type Discovery struct{}

func NewBuilder() Builder { return &Discovery{} }

func New() *Discovery { return &Discovery{} }

func (d *Discovery) Scheme() string { return "discovery" }
