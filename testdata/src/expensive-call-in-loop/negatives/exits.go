package negatives

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strings"
)

// fatal reads a file on its way out, but it never returns: the work happens once per process.
func fatal(format string, args ...interface{}) {
	if data, err := os.ReadFile("/tmp/last-error"); err == nil {
		fmt.Fprintln(os.Stderr, string(data))
	}
	fmt.Fprintf(os.Stderr, format, args...)
	os.Exit(1)
}

// next only reaches the file read through the exit path.
func next(tokens []string, i int) string {
	if i >= len(tokens) {
		fatal("unexpected end of input")
	}
	return tokens[i]
}

// The loop calls next on every iteration, but next is expensive only on its way out.
func parseAll(tokens []string) int {
	n := 0
	for i := 0; i < len(tokens); i++ {
		tok := next(tokens, 0)
		n += len(tok)
	}
	return n
}

// A loop over a two-element slice made in place runs twice.
type Token struct {
	Header map[string]string
	Claims map[string]string
}

func (t *Token) signingString() (string, error) {
	parts := make([]string, 2)
	for i := range parts {
		var value []byte
		var err error
		if i == 0 {
			value, err = json.Marshal(t.Header)
		} else {
			value, err = json.Marshal(t.Claims)
		}
		if err != nil {
			return "", err
		}
		parts[i] = string(value)
	}
	return strings.Join(parts, "."), nil
}

// splitCommand compiles a constant pattern, and runCommand reaches it one level deeper: only the
// loops calling splitCommand directly are told about the pattern.
func splitCommand(command string) []string {
	return regexp.MustCompile(`'.+'|".+"|\S+`).FindAllString(command, -1)
}

func tokenCount(command string) int {
	return len(splitCommand(command))
}

func countAll(commands []string) int {
	n := 0
	for _, command := range commands {
		n += tokenCount(command)
	}
	return n
}

// runHook shells out after compiling a pattern: the shell-out describes it, and its result is unused.
func runHook(hook, suite string) {
	parts := regexp.MustCompile(`\S+`).FindAllString(hook+" "+suite, -1)
	out, err := exec.Command(parts[0], parts[1:]...).CombinedOutput()
	fmt.Println(string(out), err)
}

func runHooks(hook string, suites []string) {
	for _, suite := range suites {
		runHook(hook, suite)
	}
}

// The branch on the loop's own index runs on the first iteration only.
func withHeader(rows []string, headerPath string) []string {
	var out []string
	for i, row := range rows {
		if i == 0 {
			header, _ := os.ReadFile(headerPath)
			out = append(out, string(header))
		}
		out = append(out, row)
	}
	return out
}
