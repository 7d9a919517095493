module example.com/new

go 1.20

require example.com/Upper v1.2.3
