module example.com/incidents

go 1.19
