module example.com/api

go 1.21

require example.com/web v0.0.0

replace example.com/web => ./deps/web
