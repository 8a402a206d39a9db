/*
 * keys.c: the key map (keys.h). Bindings are a small flat table searched
 * linearly: a few dozen entries, looked up once per key press.
 */
#include <stdio.h>
#include <string.h>

#include "ui/keys.h"

static const struct { const char *word, *keys, *help; } actions[VA_COUNT] = {
	[VA_NONE] = { "", "", "" },
#define VIEW_ACTION_ROW(name, word, keys, help) [VA_##name] = { word, keys, help },
	VIEW_ACTIONS(VIEW_ACTION_ROW)
#undef VIEW_ACTION_ROW
};

static const struct { const char *name; int key; } named[] = {
	{ "Up", UK_UP }, { "Down", UK_DOWN }, { "Left", UK_LEFT },
	{ "Right", UK_RIGHT }, { "Enter", UK_ENTER }, { "Tab", UK_TAB },
	{ "BTab", UK_BTAB }, { "Esc", UK_ESC }, { "Backspace", UK_BACKSPACE },
	{ "Home", UK_HOME }, { "End", UK_END }, { "PgUp", UK_PGUP },
	{ "PgDn", UK_PGDN }, { "Del", UK_DEL }, { "Space", ' ' },
};

int
keys_by_name(const char *name, size_t len)
{
	char buf[16];

	if (len == 1 && name[0] > ' ' && name[0] < 127)
		return (unsigned char)name[0];
	if (len == 0 || len >= sizeof buf)
		return UK_NONE;
	memcpy(buf, name, len);
	buf[len] = '\0';
	for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
		if (strcmp(buf, named[i].name) == 0)
			return named[i].key;
	if (len == 3 && buf[0] == 'C' && buf[1] == '-' && buf[2] >= 'a' &&
	    buf[2] <= 'z')
		return UK_CTRL + buf[2];
	if (buf[0] == 'F' && len <= 3) {
		int n = 0;
		for (size_t i = 1; i < len; i++) {
			if (buf[i] < '0' || buf[i] > '9')
				return UK_NONE;
			n = n * 10 + buf[i] - '0';
		}
		if (n >= 1 && n <= 12)
			return UK_F1 + n - 1;
	}
	return UK_NONE;
}

void
keys_name(int key, char *buf, size_t size)
{
	if (key > ' ' && key < 127) {
		snprintf(buf, size, "%c", key);
		return;
	}
	for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
		if (named[i].key == key) {
			snprintf(buf, size, "%s", named[i].name);
			return;
		}
	if (key >= UK_CTRL + 'a' && key <= UK_CTRL + 'z')
		snprintf(buf, size, "C-%c", key - UK_CTRL);
	else if (key >= UK_F1 && key <= UK_F12)
		snprintf(buf, size, "F%d", key - UK_F1 + 1);
	else
		snprintf(buf, size, "?");
}

enum view_action
view_action_by_word(const char *word)
{
	for (int a = 1; a < VA_COUNT; a++)
		if (strcmp(actions[a].word, word) == 0)
			return (enum view_action)a;
	return VA_NONE;
}

const char *
view_action_word(enum view_action a)
{
	return a > 0 && a < VA_COUNT ? actions[a].word : "";
}

const char *
view_action_help(enum view_action a)
{
	return a > 0 && a < VA_COUNT ? actions[a].help : "";
}

enum view_action
keymap_lookup(const struct keymap *km, int key)
{
	for (int i = 0; i < km->n; i++)
		if (km->b[i].key == key)
			return km->b[i].action;
	return VA_NONE;
}

static void
unbind(struct keymap *km, bool (*match)(int, enum view_action, const void *),
    const void *arg)
{
	int j = 0;

	for (int i = 0; i < km->n; i++)
		if (!match(km->b[i].key, km->b[i].action, arg))
			km->b[j++] = km->b[i];
	km->n = j;
}

static bool
match_action(int key, enum view_action a, const void *arg)
{
	(void)key;
	return a == *(const enum view_action *)arg;
}

static bool
match_key(int key, enum view_action a, const void *arg)
{
	(void)a;
	return key == *(const int *)arg;
}

bool
keymap_bind(struct keymap *km, enum view_action a, const char *list,
    const char **bad)
{
	int keys[KEYMAP_MAX], nk = 0;
	const char *p = list;

	while (*p != '\0') {
		size_t len;

		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		len = strcspn(p, " ");
		if (nk == KEYMAP_MAX ||
		    (keys[nk] = keys_by_name(p, len)) == UK_NONE) {
			*bad = p;
			return false;
		}
		nk++;
		p += len;
	}
	unbind(km, match_action, &a);
	for (int i = 0; i < nk; i++) {
		unbind(km, match_key, &keys[i]);
		if (km->n == KEYMAP_MAX) {
			*bad = list;
			return false;
		}
		km->b[km->n].key = keys[i];
		km->b[km->n].action = a;
		km->n++;
	}
	return true;
}

void
keymap_default(struct keymap *km)
{
	const char *bad;

	km->n = 0;
	for (int a = 1; a < VA_COUNT; a++)
		(void)keymap_bind(km, (enum view_action)a, actions[a].keys, &bad);
}

void
keymap_keys_of(const struct keymap *km, enum view_action a, char *buf,
    size_t size)
{
	size_t at = 0;

	if (size == 0)
		return;
	buf[0] = '\0';
	for (int i = 0; i < km->n; i++) {
		char k[16];
		int w;

		if (km->b[i].action != a)
			continue;
		keys_name(km->b[i].key, k, sizeof k);
		w = snprintf(buf + at, size - at, "%s%s", at ? " " : "", k);
		if (w < 0 || (size_t)w >= size - at)
			return;
		at += (size_t)w;
	}
}
