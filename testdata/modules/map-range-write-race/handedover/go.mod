module example.com/handedover

go 1.21
