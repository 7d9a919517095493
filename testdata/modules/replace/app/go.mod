module example.com/app

go 1.21

require (
	example.com/lib v1.0.0
	example.com/old v1.0.0
	example.com/pinned v1.1.0
)

replace example.com/lib => ../lib

replace example.com/old v1.0.0 => example.com/new v1.2.3

// Only v1.0.0 is replaced; v1.1.0 is required, so the cache's v1.1.0 is read.
replace example.com/pinned v1.0.0 => ../lib
