package errcontract

import (
	"io"
	"log"
	"net/http"
	"text/template"
)

// A method of another package's type: an *http.Response is nil with the error.
func Fetch(client *http.Client, req *http.Request) ([]byte, error) {
	resp, err := client.Do(req)
	if err != nil {
		log.Printf("request failed: %v", err)
	}
	defer resp.Body.Close() // want `resp may be nil here because the err != nil branch .*client.Do\(\)`
	return io.ReadAll(resp.Body)
}

// The error check lives in the if statement's initializer scope; the result is declared outside.
func Status(client *http.Client, url string) int {
	resp, err := client.Get(url)
	if err != nil {
		log.Print(err)
	}
	return resp.StatusCode // want `resp may be nil here`
}

// A call on a call's result is named by its method.
func Render(text string) *Template {
	tmpl, err := NewTemplate("page").Parse(text)
	if err != nil {
		log.Printf("parse: %v", err)
	}
	log.Print(tmpl.name) // want `tmpl may be nil here .*Parse\(\) returns it nil`
	return tmpl
}

// Another package's method on a call's result: its result type is unknown, so no finding.
func RenderStd(text string) *template.Template {
	tmpl, err := template.New("page").Parse(text)
	if err != nil {
		log.Printf("parse: %v", err)
	}
	log.Print(tmpl.Tree)
	return tmpl
}

// The results of a method on a value of unknown type may be a struct, not a pointer: no finding.
func Size(con interface {
	Size() (struct{ Width, Height uint16 }, error)
}) uint16 {
	size, err := con.Size()
	if err != nil {
		log.Print(err)
	}
	return size.Width
}

// The shadowing result inside the if initializer is a different variable.
func Shadowed(client *http.Client, url string, resp *http.Response) int {
	if resp, err := client.Get(url); err == nil {
		return resp.StatusCode
	}
	return resp.StatusCode
}
