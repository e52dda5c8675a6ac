// placeholder (tests follow)
