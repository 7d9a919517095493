package multi_test

func helper() {}
