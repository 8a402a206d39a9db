/*
 * keys.h: the viewer's key map: actions (what an operator can ask for),
 * key codes independent of curses (the tty module translates into these),
 * key names as the config file and the help overlay spell them, and the
 * bindings from keys to actions, rebindable from the config file.
 *
 * The replay deck's keys (space . [ ] < > { } g n N r) act on a
 * --replay deck (ui/deck.h) and say so when there is none. The briefing
 * keys (v V K B) share and follow views and drop and list bookmarks
 * (ui/brief.h). Nothing here allocates.
 */
#ifndef TCOP_KEYS_H
#define TCOP_KEYS_H

#include <stdbool.h>
#include <stddef.h>

/* Key codes: printable ASCII is itself; the rest are above Unicode. */
enum {
	UK_NONE = 0,
	UK_BASE = 0x200000,
	UK_UP, UK_DOWN, UK_LEFT, UK_RIGHT, UK_ENTER, UK_TAB, UK_BTAB, UK_ESC,
	UK_BACKSPACE, UK_HOME, UK_END, UK_PGUP, UK_PGDN, UK_DEL,
	UK_F1, UK_F12 = UK_F1 + 11,
	UK_RESIZE, UK_MOUSE,
	UK_CTRL = 0x300000 /* UK_CTRL + 'a'..'z' */
};

/* X-macro: NAME, config word, default keys (space-separated), help text. */
#define VIEW_ACTIONS(X)                                                   \
	X(QUIT, "quit", "q", "quit")                                      \
	X(HELP, "help", "? F1", "this help")                              \
	X(PAN_LEFT, "pan-left", "Left h", "pan west")      \
	X(PAN_RIGHT, "pan-right", "Right l", "pan east")                  \
	X(PAN_UP, "pan-up", "Up k", "pan north (in a list: previous row)") \
	X(PAN_DOWN, "pan-down", "Down j", "pan south (in a list: next row)") \
	X(ZOOM_IN, "zoom-in", "+ =", "zoom in")                           \
	X(ZOOM_OUT, "zoom-out", "-", "zoom out")                          \
	X(REGION_1, "region-1", "1", "region preset 1")                   \
	X(REGION_2, "region-2", "2", "region preset 2")                   \
	X(REGION_3, "region-3", "3", "region preset 3")                   \
	X(REGION_4, "region-4", "4", "region preset 4")                   \
	X(REGION_5, "region-5", "5", "region preset 5")                   \
	X(REGION_6, "region-6", "6", "region preset 6")                   \
	X(REGION_7, "region-7", "7", "region preset 7")                   \
	X(REGION_8, "region-8", "8", "region preset 8")                   \
	X(REGION_9, "region-9", "9", "region preset 9")                   \
	X(NEXT_PANE, "next-pane", "Tab", "next pane (map, list)")         \
	X(PREV_PANE, "prev-pane", "BTab", "previous pane")                \
	X(NEXT_LIST, "next-list", "L", "next list in the side panel")     \
	X(LIST_INCIDENTS, "list-incidents", "I", "incidents list")        \
	X(LIST_TRACKS, "list-tracks", "T", "tracks list")                 \
	X(LIST_SATS, "list-satellites", "S", "satellites list")           \
	X(LIST_CONJ, "list-conjunctions", "C", "conjunctions list")       \
	X(LIST_ALERTS, "list-alerts", "A", "alerts list")                 \
	X(LIST_EVENTS, "list-events", "E", "events list")                 \
	X(LIST_PASSES, "list-passes", "P", "passes over the selection")   \
	X(PAGE_UP, "page-up", "PgUp", "list: page up")                    \
	X(PAGE_DOWN, "page-down", "PgDn", "list: page down")              \
	X(SEARCH, "search", "/", "filter the list")                       \
	X(DETAIL, "detail", "Enter", "detail of the selection")           \
	X(FOLLOW, "follow", "f", "follow the selection")                  \
	X(ACK, "acknowledge", "a", "acknowledge the selected incident")   \
	X(SORT, "sort", "o", "sort the list by the next column")          \
	X(SORT_REVERSE, "sort-reverse", "O", "reverse the sort")          \
	X(MARK, "mark", "m", "mark the selection or cursor (with a text)") \
	X(NOTE, "note", ";", "note on the selected incident or entity (a text)") \
	X(LAYER_MARITIME, "layer-maritime", "M", "maritime layer on/off") \
	X(LAYER_SPACE, "layer-space", "s", "satellites: all/selected/off") \
	X(LAYER_CYBER, "layer-cyber", "c", "cyber layer on/off")          \
	X(TRAILS, "trails", "t", "trails for all on/off")                 \
	X(BORDERS, "borders", "b", "country borders on/off")              \
	X(EXPORT, "export", "e", "export the view: html slide + text")    \
	X(REDRAW, "redraw", "C-l", "repaint the whole screen")            \
	X(PLAY, "play-pause", "Space", "replay: play / pause")            \
	X(STEP, "step", ".", "replay: apply the next event")              \
	X(SLOWER, "slower", "[", "replay: slower (0.25x .. 1000x, max)")  \
	X(FASTER, "faster", "]", "replay: faster")                        \
	X(BACK_MIN, "back-minute", "<", "replay: back a minute")          \
	X(FWD_MIN, "forward-minute", ">", "replay: forward a minute")     \
	X(BACK_HOUR, "back-hour", "{", "replay: back an hour")            \
	X(FWD_HOUR, "forward-hour", "}", "replay: forward an hour")       \
	X(GOTO, "goto-time", "g", "replay: go to a typed time")           \
	X(NEXT_INC, "next-incident", "n", "replay: to the next incident") \
	X(PREV_INC, "previous-incident", "N", "replay: previous incident") \
	X(LOOP, "loop", "r", "replay: loop at the end on/off")           \
	X(SHARE_VIEW, "share-view", "v", "briefing: share this view on/off") \
	X(FOLLOW_BRIEFER, "follow-briefer", "V",                          \
	    "briefing: follow a briefer's view (name; any key stops)")    \
	X(BOOKMARK, "bookmark", "K", "briefing: bookmark time, view, selection") \
	X(LIST_BOOKMARKS, "list-bookmarks", "B",                          \
	    "bookmarks and marks list (Enter: jump to one)")

enum view_action {
	VA_NONE = 0,
#define VIEW_ACTION_ENUM(name, word, keys, help) VA_##name,
	VIEW_ACTIONS(VIEW_ACTION_ENUM)
#undef VIEW_ACTION_ENUM
	VA_COUNT
};

#define KEYMAP_MAX 128

struct keymap {
	int n;
	struct { int key; enum view_action action; } b[KEYMAP_MAX];
};

/* The defaults of VIEW_ACTIONS. */
void keymap_default(struct keymap *km);
/* The action bound to key, VA_NONE if none. */
enum view_action keymap_lookup(const struct keymap *km, int key);
/*
 * Replace the bindings of action a with the keys of list (space-separated
 * names). A key bound elsewhere moves to a. TCOP_EINVAL-like false for an
 * unknown key name (*bad then points at it) or a full map.
 */
bool keymap_bind(struct keymap *km, enum view_action a, const char *list,
    const char **bad);
/* The keys bound to a, as names separated by spaces, into buf. */
void keymap_keys_of(const struct keymap *km, enum view_action a, char *buf,
    size_t size);

/* Action by config word ("zoom-in"), VA_NONE if unknown. */
enum view_action view_action_by_word(const char *word);
const char *view_action_word(enum view_action a);
const char *view_action_help(enum view_action a);

/* Key by name ("q", "Up", "C-l", "Enter", "F1", "Space"), UK_NONE if unknown. */
int keys_by_name(const char *name, size_t len);
/* The name of key into buf ("?" for one not nameable). */
void keys_name(int key, char *buf, size_t size);

#endif
