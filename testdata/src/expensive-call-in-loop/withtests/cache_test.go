package withtests

import "testing"

// With includeTests set, a test reading the same fixture for every case is reported.
func TestLoadCases(t *testing.T) {
	cases := []struct{ name string }{{"a"}, {"b"}, {"c"}, {"d"}, {"e"}, {"f"}, {"g"}, {"h"}, {"i"}, {"j"}, {"k"}}
	for _, tc := range cases {
		data, err := Load("testdata/cache.bin") // want `Load\("testdata/cache\.bin"\) runs on every iteration of the range over cases and reads the file system \(Load → os\.ReadFile\)`
		if err != nil || len(data) == 0 {
			t.Fatal(tc.name, err)
		}
	}
}

// A benchmark loop repeats the work on purpose.
func BenchmarkLoad(b *testing.B) {
	for i := 0; i < b.N; i++ {
		data, err := Load("testdata/cache.bin")
		if err != nil || len(data) == 0 {
			b.Fatal(err)
		}
	}
}

// Still quiet when the path changes in the loop.
func TestLoadEach(t *testing.T) {
	for _, path := range []string{"a", "b", "c"} {
		if _, err := Load(path); err != nil {
			t.Log(err)
		}
	}
}

// A short local table is not a hot loop.
func TestLoadTable(t *testing.T) {
	cases := []string{"first", "second"}
	for _, name := range cases {
		if data, err := Load("testdata/cache.bin"); err != nil || len(data) == 0 {
			t.Fatal(name, err)
		}
	}
}
