package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var screenshots = flag.String("screenshots", "", "TestBrowser also saves its pages and their screenshots at 375 and 1280 px into this `directory`")

// probe runs in a copy of the report (the report itself has no script): it measures the
// page the way a person would see it and writes the result into the harness page's DOM,
// which Chromium's --dump-dom prints.
const probe = `<script>
(function () {
  var vw = window.innerWidth;
  function visible(el) {
    var r = el.getBoundingClientRect(), s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== "hidden" && s.display !== "none" &&
      r.left >= -0.5 && r.right <= vw + 0.5 && parseFloat(s.opacity) > 0;
  }
  function check(sel) {
    var all = document.querySelectorAll(sel), hidden = [];
    for (var i = 0; i < all.length; i++) if (!visible(all[i])) hidden.push(all[i].textContent);
    return {count: all.length, hidden: hidden};
  }
  var wide = [];
  document.querySelectorAll("body *").forEach(function (el) {
    var r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > vw + 0.5 && !el.closest("details:not([open])")) wide.push(el.tagName + "." + el.className + ": " + el.textContent.slice(0, 40));
  });
  // WCAG 2 contrast of every element's own text against the background it sits on.
  function rgb(c) { var m = c.match(/[\d.]+/g).map(Number); return {r: m[0], g: m[1], b: m[2], a: m.length > 3 ? m[3] : 1}; }
  function lum(c) {
    var f = function (v) { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  }
  function background(el) {
    for (; el; el = el.parentElement) {
      var c = rgb(getComputedStyle(el).backgroundColor);
      if (c.a > 0) return c;
    }
    return {r: 255, g: 255, b: 255, a: 1};
  }
  var lowContrast = [];
  document.querySelectorAll("body *").forEach(function (el) {
    var own = Array.prototype.some.call(el.childNodes, function (n) { return n.nodeType === 3 && n.textContent.trim() !== ""; });
    if (!own || el.closest("details:not([open])")) return;
    var fg = lum(rgb(getComputedStyle(el).color)), bg = lum(background(el));
    var ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
    if (ratio < 4.5) lowContrast.push(el.tagName + "." + el.className + " " + ratio.toFixed(2) + ": " + el.textContent.slice(0, 30));
  });
  var out = {
    lowContrast: lowContrast.slice(0, 10),
    innerWidth: vw,
    scrollWidth: document.documentElement.scrollWidth,
    resources: performance.getEntriesByType("resource").length,
    marks: check("mark.req, mark.pref"),
    rewrites: check(".line.after"),
    placeholders: check("mark.ph"),
    wide: wide.slice(0, 10)
  };
  var doc = window.parent.document;
  var pre = doc.createElement("pre");
  pre.id = "probe";
  pre.textContent = JSON.stringify(out);
  doc.body.appendChild(pre);
})();
</script>`

type probeResult struct {
	InnerWidth  int `json:"innerWidth"`
	ScrollWidth int `json:"scrollWidth"`
	Resources   int `json:"resources"`
	Marks       struct {
		Count  int      `json:"count"`
		Hidden []string `json:"hidden"`
	} `json:"marks"`
	Rewrites struct {
		Count  int      `json:"count"`
		Hidden []string `json:"hidden"`
	} `json:"rewrites"`
	Placeholders struct {
		Count  int      `json:"count"`
		Hidden []string `json:"hidden"`
	} `json:"placeholders"`
	Wide        []string `json:"wide"`
	LowContrast []string `json:"lowContrast"`
}

// harness shows a page in an iframe of the given width. Headless Chromium will not make a
// window narrower than 500 px, but an iframe is a viewport of its own: media queries,
// innerWidth and layout inside it follow its width, as on a phone. srcdoc keeps the page
// in the harness's origin, so the probe can write to it.
func harness(page string, width, height int) string {
	return fmt.Sprintf(`<!DOCTYPE html><html><head><meta charset="utf-8"><style>body{margin:0;background:#fff}iframe{border:0;display:block}</style></head><body><iframe width="%d" height="%d" srcdoc="%s"></iframe></body></html>`,
		width, height, html.EscapeString(page))
}

// chromium finds a Chromium or Chrome binary. The test skips without one, unless
// RESUMEKIT_REQUIRE_BROWSER is set (.ci/run sets it after installing Chromium), so CI
// cannot pass by skipping.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	if os.Getenv("RESUMEKIT_REQUIRE_BROWSER") != "" {
		t.Fatal("RESUMEKIT_REQUIRE_BROWSER is set but no chromium, chromium-browser or google-chrome is on PATH")
	}
	t.Skip("no Chromium on PATH: install Debian's chromium package (.ci/run does) to test the report in a browser")
	return ""
}

// headless runs Chromium on a local file with no network: every host resolves to nothing
// and every connection goes to a closed proxy port.
func headless(t *testing.T, bin string, width, height int, args ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	base := []string{
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--disable-extensions", "--hide-scrollbars", "--mute-audio",
		"--proxy-server=http://127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND",
		"--user-data-dir=" + t.TempDir(),
		fmt.Sprintf("--window-size=%d,%d", width, height),
	}
	cmd := exec.CommandContext(ctx, bin, append(base, args...)...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		t.Fatalf("chromium did not finish in 90s: %s", stderr.String())
	}
	require.NoError(t, err, "chromium: %s", stderr.String())
	return out
}

// TestBrowser loads two pages in headless Chromium at a phone's and a laptop's width: the
// bundled sample in rules mode, and a hard one (a model that refuses some bullets, so
// warnings show; a long unbroken URL; answers). Nothing is fetched, nothing overflows
// sideways, every highlighted keyword, rewrite and placeholder is on screen, and all text
// has at least WCAG AA contrast (4.5:1).
func TestBrowser(t *testing.T) {
	bin := chromium(t)
	sample, samplePage := reviewHTML(t, "../testdata/resume.md")
	hard, hardPage := hardReview(t)
	pages := []struct {
		name string
		rv   Review
		page string
	}{{"sample", sample, samplePage}, {"hard", hard, hardPage}}
	for _, pg := range pages {
		wantMarks := len(regexp.MustCompile(`<mark class="(req|pref)"`).FindAllString(pg.page, -1))
		wantPh := 0
		for _, b := range pg.rv.Bullets {
			wantPh += len(b.Rewrite.Placeholders)
		}
		require.NotZero(t, wantMarks)

		dir := t.TempDir()
		probed := strings.Replace(pg.page, "</body>", probe+"</body>", 1)
		for _, width := range []int{375, 1280} {
			t.Run(fmt.Sprintf("%s/%d", pg.name, width), func(t *testing.T) {
				file := filepath.Join(dir, fmt.Sprintf("probe-%d.html", width))
				require.NoError(t, os.WriteFile(file, []byte(harness(probed, width, 1000)), 0o644))
				dom := string(headless(t, bin, max(width, 500), 1000, "--dump-dom", "file://"+file))
				m := regexp.MustCompile(`<pre id="probe">(.*?)</pre>`).FindStringSubmatch(dom)
				require.NotNil(t, m, "the probe ran: %.300s", dom)
				var got probeResult
				require.NoError(t, json.Unmarshal([]byte(htmlUnescape(m[1])), &got))
				assert.Equal(t, width, got.InnerWidth, "the window is as wide as asked")
				assert.LessOrEqual(t, got.ScrollWidth, got.InnerWidth, "nothing overflows sideways: %v", got.Wide)
				assert.Empty(t, got.Wide, "elements past the right edge")
				assert.Zero(t, got.Resources, "nothing fetched")
				assert.Equal(t, wantMarks, got.Marks.Count)
				assert.Empty(t, got.Marks.Hidden, "highlighted keywords not visible")
				assert.Equal(t, len(pg.rv.Bullets), got.Rewrites.Count)
				assert.Empty(t, got.Rewrites.Hidden, "rewrites not visible")
				assert.GreaterOrEqual(t, got.Placeholders.Count, wantPh)
				assert.Empty(t, got.Placeholders.Hidden, "placeholders not visible")
				assert.Empty(t, got.LowContrast, "text below WCAG AA contrast (4.5:1)")

				if *screenshots != "" {
					out, err := filepath.Abs(filepath.Join(*screenshots, fmt.Sprintf("review-%s-%d.png", pg.name, width)))
					require.NoError(t, err)
					report := filepath.Join(dir, fmt.Sprintf("report-%d.html", width))
					require.NoError(t, os.WriteFile(report, []byte(harness(pg.page, width, 2400)), 0o644))
					headless(t, bin, width, 2400, "--screenshot="+out, "file://"+report)
					require.NoError(t, os.WriteFile(filepath.Join(*screenshots, "review-"+pg.name+".html"), []byte(pg.page), 0o644))
				}
			})
		}
	}
}

func htmlUnescape(s string) string {
	return strings.NewReplacer("&quot;", `"`, "&lt;", "<", "&gt;", ">", "&amp;", "&").Replace(s)
}
