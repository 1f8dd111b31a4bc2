package di // want package:"analysed"

import "example.com/pi/dao"

// InitApp builds the app, reading configuration through dao.New.
func InitApp() (*dao.Dao, func(), error) { // want InitApp:"uses paladin.Get in dao.New"
	d := dao.New()
	return d, func() {}, nil
}
