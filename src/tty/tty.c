/*
 * tty.c: the curses backend of the viewer (tty.h). One SCREEN from
 * newterm() on the caller's descriptors; stdscr only, no windows of our
 * own: the screen is composed in canvases and copied here cell by cell, so
 * curses' own line optimisation sees only the cells that changed.
 *
 * Colours: each canvas role gets one pair, derived from the role's ANSI
 * SGR parameters (30-37/90-97 foreground, 40-47 background, 1 bold, 4
 * underline, 7 reverse) on the terminal's default background
 * (use_default_colors), a config colour replacing the foreground. Without
 * colour, each role's monochrome attribute (bold, reverse, dim) is used.
 *
 * Out of memory here aborts nothing: tty_open returns TCOP_ENOMEM.
 */
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>

#include <curses.h>

#include "tty/tty.h"
#include "ui/keys.h"

struct tty {
	SCREEN *scr;
	FILE *in, *out;
	int in_fd, out_fd;
	bool ascii, colour;
	attr_t attr[ROLE_COUNT];
	short pair[ROLE_COUNT];
	int io_fd;            /* /proc/thread-self/io, -1 if unavailable */
	int sig_pipe[2];
	struct termios saved; /* the terminal as we found it */
	bool have_saved;
};

static struct tty *tty_open_one; /* for the atexit hook and the signals */
static volatile sig_atomic_t sig_quit, sig_winch;
static int sig_wr = -1;

/*
 * For a crash: what puts the terminal back without curses (async-signal-
 * safe: tcsetattr and write only), prepared at open. The handler then
 * hands the signal to whoever had it before (the sanitizers' reporter, or
 * the default action), on a terminal that can show the report.
 */
static const int crash_sigs[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };
#define NCRASH (sizeof crash_sigs / sizeof crash_sigs[0])
static struct sigaction crash_old[NCRASH];
static struct termios crash_termios;
static int crash_fd = -1;
static char crash_reset[128];
static size_t crash_reset_len;

static void
on_crash(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	if (crash_fd >= 0) {
		tcsetattr(crash_fd, TCSANOW, &crash_termios);
		(void)!write(crash_fd, crash_reset, crash_reset_len);
		crash_fd = -1;
	}
	for (size_t i = 0; i < NCRASH; i++)
		if (crash_sigs[i] == sig)
			sigaction(sig, &crash_old[i], NULL);
	/* A fault happens again on return, into the handler restored;
	 * abort() and signals sent by kill() need raising. */
	if (sig == SIGABRT || si == NULL || si->si_code <= 0)
		raise(sig);
}

/* The terminal's own reset strings: leave the alternate screen, cursor
 * visible, attributes off. */
static void
crash_prepare(const struct tty *t)
{
	const char *caps[] = { "rmcup", "cnorm", "sgr0" };
	struct sigaction sa;

	crash_reset_len = 0;
	for (size_t i = 0; i < 3; i++) {
		char *v = tigetstr(caps[i]);
		size_t n;

		if (v == NULL || v == (char *)-1)
			continue;
		n = strlen(v);
		if (crash_reset_len + n + 2 >= sizeof crash_reset)
			break;
		memcpy(crash_reset + crash_reset_len, v, n);
		crash_reset_len += n;
	}
	memcpy(crash_reset + crash_reset_len, "\r\n", 2);
	crash_reset_len += 2;
	crash_termios = t->saved;
	crash_fd = t->have_saved ? t->out_fd : -1;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_crash;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < NCRASH; i++)
		sigaction(crash_sigs[i], &sa, &crash_old[i]);
}

static void
crash_forget(void)
{
	crash_fd = -1;
	for (size_t i = 0; i < NCRASH; i++)
		sigaction(crash_sigs[i], &crash_old[i], NULL);
}

static void
on_signal(int sig)
{
	int e = errno;
	char c = (char)sig;

	if (sig == SIGWINCH)
		sig_winch = 1;
	else
		sig_quit = sig;
	if (sig_wr >= 0)
		(void)!write(sig_wr, &c, 1);
	errno = e;
}

static void
tty_atexit(void)
{
	tty_close(tty_open_one);
}

static void
signals_install(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGWINCH, &sa, NULL);
}

static void
signals_restore(void)
{
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	signal(SIGWINCH, SIG_DFL);
}

/* SGR "97;42" into curses foreground, background and attributes. */
static void
sgr_parse(const char *sgr, int ncolours, short *fg, short *bg, attr_t *a)
{
	const char *p = sgr;

	*fg = *bg = -1;
	*a = A_NORMAL;
	while (*p != '\0') {
		int v = atoi(p);

		if (v == 1)
			*a |= A_BOLD;
		else if (v == 4)
			*a |= A_UNDERLINE;
		else if (v == 7)
			*a |= A_REVERSE;
		else if (v >= 30 && v <= 37)
			*fg = (short)(v - 30);
		else if (v >= 90 && v <= 97) {
			*fg = (short)(ncolours >= 16 ? v - 90 + 8 : v - 90);
			if (ncolours < 16)
				*a |= A_BOLD;
		} else if (v >= 40 && v <= 47)
			*bg = (short)(v - 40);
		while (*p != '\0' && *p != ';')
			p++;
		if (*p == ';')
			p++;
	}
}

static attr_t
mono_attr(enum canvas_role r)
{
	const char *m = canvas_role_mono(r);

	if (strcmp(m, "bold") == 0)
		return A_BOLD;
	if (strcmp(m, "reverse") == 0)
		return A_REVERSE;
	if (strcmp(m, "dim") == 0)
		return A_DIM;
	return A_NORMAL;
}

static void
colours_init(struct tty *t, const struct tty_opts *o)
{
	for (int r = 0; r < ROLE_COUNT; r++) {
		t->attr[r] = mono_attr((enum canvas_role)r);
		t->pair[r] = 0;
	}
	if (!t->colour)
		return;
	start_color();
	use_default_colors();
	for (int r = 0; r < ROLE_COUNT; r++) {
		short fg, bg;
		attr_t a;

		sgr_parse(canvas_role_sgr((enum canvas_role)r), COLORS, &fg, &bg,
		    &a);
		if (o->colours != NULL && o->colours[r] >= -1 &&
		    o->colours[r] < COLORS)
			fg = o->colours[r];
		if (r + 1 < COLOR_PAIRS && init_pair((short)(r + 1), fg, bg) == OK)
			t->pair[r] = (short)(r + 1);
		t->attr[r] = a;
	}
}

static bool
want_ascii(const struct tty_opts *o)
{
	const char *term = getenv("TERM"), *cs = nl_langinfo(CODESET);

	if (o->ascii || cs == NULL || strcmp(cs, "UTF-8") != 0)
		return true;
	return term == NULL || strncmp(term, "vt", 2) == 0 ||
	    strcmp(term, "linux") == 0 || strcmp(term, "dumb") == 0;
}

tcop_err
tty_open(struct tty **out, const struct tty_opts *o, char *why,
    size_t whylen)
{
	struct tty *t;
	int fi = -1, fo = -1;

	*out = NULL;
	if (tty_open_one != NULL) {
		snprintf(why, whylen, "a terminal is already open");
		return TCOP_EINVAL;
	}
	if (!isatty(o->out_fd) || !isatty(o->in_fd)) {
		snprintf(why, whylen, "standard input and output must be a "
		    "terminal");
		return TCOP_ESYS;
	}
	setlocale(LC_CTYPE, "");
	if ((t = calloc(1, sizeof *t)) == NULL) {
		snprintf(why, whylen, "out of memory");
		return TCOP_ENOMEM;
	}
	t->in_fd = o->in_fd;
	t->out_fd = o->out_fd;
	t->sig_pipe[0] = t->sig_pipe[1] = -1;
	t->have_saved = tcgetattr(o->out_fd, &t->saved) == 0;
	if ((fi = dup(o->in_fd)) < 0 || (fo = dup(o->out_fd)) < 0 ||
	    (t->in = fdopen(fi, "r")) == NULL ||
	    (t->out = fdopen(fo, "w")) == NULL ||
	    pipe2(t->sig_pipe, O_CLOEXEC | O_NONBLOCK) != 0) {
		snprintf(why, whylen, "%s", strerror(errno));
		goto fail;
	}
	fi = fo = -1;
	t->ascii = want_ascii(o);
	if ((t->scr = newterm(NULL, t->out, t->in)) == NULL) {
		snprintf(why, whylen, "cannot start curses on TERM=%s",
		    getenv("TERM") ? getenv("TERM") : "(unset)");
		goto fail;
	}
	set_term(t->scr);
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	leaveok(stdscr, TRUE);
	t->colour = !o->mono && has_colors();
	colours_init(t, o);
	if (o->mouse)
		mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED, NULL);
	t->io_fd = open("/proc/thread-self/io", O_RDONLY | O_CLOEXEC);
	sig_wr = t->sig_pipe[1];
	sig_quit = sig_winch = 0;
	signals_install();
	crash_prepare(t);
	tty_open_one = t;
	{
		static bool hooked;
		if (!hooked && atexit(tty_atexit) == 0)
			hooked = true;
	}
	*out = t;
	return TCOP_OK;
fail:
	if (fi >= 0)
		close(fi);
	if (fo >= 0)
		close(fo);
	if (t->in != NULL)
		fclose(t->in);
	if (t->out != NULL)
		fclose(t->out);
	if (t->sig_pipe[0] >= 0) {
		close(t->sig_pipe[0]);
		close(t->sig_pipe[1]);
	}
	free(t);
	return TCOP_ESYS;
}

void
tty_close(struct tty *t)
{
	if (t == NULL || t != tty_open_one)
		return;
	tty_open_one = NULL;
	sig_wr = -1;
	crash_forget();
	set_term(t->scr);
	curs_set(1);
	endwin();
	delscreen(t->scr);
	fflush(t->out);
	/* endwin() restores the modes curses saved; this makes sure. */
	if (t->have_saved)
		tcsetattr(t->out_fd, TCSADRAIN, &t->saved);
	signals_restore();
	fclose(t->in);
	fclose(t->out);
	close(t->sig_pipe[0]);
	close(t->sig_pipe[1]);
	if (t->io_fd >= 0)
		close(t->io_fd);
	free(t);
}

void
tty_size(const struct tty *t, int *w, int *h)
{
	(void)t;
	*w = COLS;
	*h = LINES;
}

bool
tty_ascii(const struct tty *t)
{
	return t->ascii;
}

bool
tty_colour(const struct tty *t)
{
	return t->colour;
}

int
tty_input_fd(const struct tty *t)
{
	return t->in_fd;
}

int
tty_signal_fd(const struct tty *t)
{
	return t->sig_pipe[0];
}

int
tty_signals(struct tty *t, bool *winch)
{
	char buf[64];

	while (read(t->sig_pipe[0], buf, sizeof buf) > 0)
		;
	*winch = sig_winch != 0;
	sig_winch = 0;
	return sig_quit;
}

void
tty_resize(struct tty *t)
{
	struct winsize ws;

	if (ioctl(t->out_fd, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 &&
	    ws.ws_col > 0)
		resizeterm(ws.ws_row, ws.ws_col);
	clearok(curscr, TRUE);
}

static int
key_of_curses(int c, bool is_key)
{
	if (is_key) {
		switch (c) {
		case KEY_UP: return UK_UP;
		case KEY_DOWN: return UK_DOWN;
		case KEY_LEFT: return UK_LEFT;
		case KEY_RIGHT: return UK_RIGHT;
		case KEY_ENTER: return UK_ENTER;
		case KEY_BTAB: return UK_BTAB;
		case KEY_BACKSPACE: return UK_BACKSPACE;
		case KEY_HOME: return UK_HOME;
		case KEY_END: return UK_END;
		case KEY_PPAGE: return UK_PGUP;
		case KEY_NPAGE: return UK_PGDN;
		case KEY_DC: return UK_DEL;
		case KEY_RESIZE: return UK_RESIZE;
		default:
			if (c >= KEY_F(1) && c <= KEY_F(12))
				return UK_F1 + c - KEY_F(1);
			return UK_NONE;
		}
	}
	switch (c) {
	case '\r': case '\n': return UK_ENTER;
	case '\t': return UK_TAB;
	case 27: return UK_ESC;
	case 127: case 8: return UK_BACKSPACE;
	default:
		if (c >= 1 && c <= 26)
			return UK_CTRL + 'a' + c - 1;
		return c;
	}
}

int
tty_key(struct tty *t, int *mx, int *my)
{
	wint_t wc;
	int rc, k;

	(void)t;
	for (;;) {
		rc = get_wch(&wc);
		if (rc == ERR)
			return UK_NONE;
		if (rc == KEY_CODE_YES && wc == KEY_MOUSE) {
			MEVENT me;
			if (getmouse(&me) == OK &&
			    (me.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED))) {
				*mx = me.x;
				*my = me.y;
				return UK_MOUSE;
			}
			continue;
		}
		k = key_of_curses((int)wc, rc == KEY_CODE_YES);
		if (k != UK_NONE)
			return k;
	}
}

static void
put_cell(struct tty *t, int x, int y, const struct canvas_cell *c)
{
	cchar_t cc;
	wchar_t ws[2];
	uint32_t ch = c->ch;

	if (ch < ' ' || (t->ascii && ch > 126))
		ch = t->ascii && ch >= 0x2800 && ch <= 0x28ff && ch != 0x2800 ?
		    '.' : (ch < ' ' || ch == 0x2800 ? ' ' : '?');
	ws[0] = (wchar_t)ch;
	ws[1] = L'\0';
	setcchar(&cc, ws, t->attr[c->role], t->pair[c->role], NULL);
	mvadd_wch(y, x, &cc);
}

long
tty_blit(struct tty *t, const struct canvas *want, struct canvas *shown,
    const uint8_t *prio, int nlevels, long budget, long *sent)
{
	int n = want->w * want->h;
	long left = 0, done = 0;

	if (prio == NULL || nlevels < 1)
		nlevels = 1;
	for (int lv = 0; lv < nlevels; lv++) {
		for (int i = 0; i < n; i++) {
			const struct canvas_cell *a = &want->cells[i];
			struct canvas_cell *b = &shown->cells[i];

			if ((prio != NULL && prio[i] != lv && !(lv == nlevels - 1 &&
			    prio[i] >= nlevels)) ||
			    (a->ch == b->ch && a->role == b->role))
				continue;
			if (budget == 0) {
				left++;
				continue;
			}
			/* The bottom-right cell would scroll some terminals. */
			if (!(i == n - 1 && i % want->w == want->w - 1 &&
			    want->h == LINES && want->w == COLS))
				put_cell(t, i % want->w, i / want->w, a);
			*b = *a;
			done++;
			if (budget > 0)
				budget--;
		}
	}
	if (sent != NULL)
		*sent = done;
	return left;
}

void
tty_touch(struct tty *t)
{
	(void)t;
	clearok(curscr, TRUE);
}

static long
io_wchar(const struct tty *t)
{
	char buf[512], *p;
	ssize_t n;

	if (t->io_fd < 0 || (n = pread(t->io_fd, buf, sizeof buf - 1, 0)) <= 0)
		return -1;
	buf[n] = '\0';
	if ((p = strstr(buf, "wchar:")) == NULL)
		return -1;
	return strtol(p + 6, NULL, 10);
}

long
tty_flush(struct tty *t)
{
	long before = io_wchar(t), after;

	wnoutrefresh(stdscr);
	doupdate();
	after = io_wchar(t);
	return before < 0 || after < 0 ? -1 : after - before;
}
