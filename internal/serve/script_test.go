package serve

import (
	"os/exec"
	"strings"
	"testing"
)

// The page's script reloads after a save that changed the page itself or a file that is no page
// (a picture, the style sheet), and only hides the error overlay when only other pages changed.
// It runs in Node with a stand-in for the browser; without Node the test skips.
func TestReloadScript(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("no node")
	}
	for _, tt := range []struct {
		path, data string
		reload     bool
	}{
		{"/", `["index.html"]`, true},
		{"/", `["05-next-steps/index.html"]`, false},
		{"/05-next-steps/", `["05-next-steps/index.html"]`, true},
		{"/05-next-steps/index.html", `["05-next-steps/index.html"]`, true},
		{"/schools/3612340001.html", `["05-next-steps/index.html","schools/index.html"]`, false},
		{"/schools/3612340001.html", `["05-next-steps/images/p.png"]`, true},
		{"/schools/3612340001.html", `[]`, false},
		{"/schools/3612340001.html", ``, true}, // a server that does not say
		{"/%E5%AD%A6/a.html", `["学/a.html"]`, true},
	} {
		js := `
var reloaded = false, removed = false;
global.location = {pathname: ` + jsString(tt.path) + `, reload: function () { reloaded = true; }};
global.document = {createElement: function () { return {style: {}, setAttribute: function () {}, remove: function () { removed = true; }}; },
  body: {appendChild: function () {}}};
var listeners = {};
global.EventSource = function () { this.addEventListener = function (n, f) { listeners[n] = f; }; };
` + liveReloadJS + `
listeners.error({data: '["x"]'});
listeners.reload({data: ` + jsString(tt.data) + `});
console.log(reloaded ? "reload" : removed ? "hidden" : "nothing");
`
		out, err := exec.Command(node, "-e", js).CombinedOutput()
		if err != nil {
			t.Fatalf("%s: %v\n%s", tt.path, err, out)
		}
		want := "hidden"
		if tt.reload {
			want = "reload"
		}
		if got := strings.TrimSpace(string(out)); got != want {
			t.Errorf("%s after %s: %s, want %s", tt.path, tt.data, got, want)
		}
	}
}

func jsString(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `\'`) + "'"
}
