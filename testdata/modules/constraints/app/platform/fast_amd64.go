package platform

func fast() bool { return true }
