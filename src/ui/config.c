/*
 * config.c: the viewer's configuration file (config.h). Strict: every
 * member has one type, unknown members are errors, and a failed parse
 * says which member and why. The file is at most 1 MiB; reading it and
 * the syntax error's line are core/jfile.c's, as for the region presets.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/jarena.h"
#include "core/jfile.h"
#include "ui/config.h"

void
config_init(struct view_config *c)
{
	memset(c, 0, sizeof *c);
	c->projection = -1;
	c->ascii = -1;
	c->max_rate = -1;
	keymap_default(&c->keys);
	for (int i = 0; i < ROLE_COUNT; i++)
		c->colours[i] = CONFIG_COLOUR_UNSET;
}

int
config_colour(const char *name)
{
	static const char *const names[] = { "black", "red", "green", "yellow",
		"blue", "magenta", "cyan", "white" };
	char *end;
	long v;

	if (strcmp(name, "default") == 0)
		return CONFIG_COLOUR_DEFAULT;
	for (int i = 0; i < 8; i++)
		if (strcmp(name, names[i]) == 0)
			return i;
	if (name[0] < '0' || name[0] > '9')
		return CONFIG_COLOUR_UNSET;
	v = strtol(name, &end, 10);
	return *end == '\0' && v >= 0 && v <= 255 ? (int)v : CONFIG_COLOUR_UNSET;
}

static const char *
cfg_feeds(struct view_config *c, const cJSON *v)
{
	const cJSON *f;

	if (!cJSON_IsArray(v))
		return "not an array of URLs";
	c->nfeeds = 0;
	cJSON_ArrayForEach(f, v) {
		if (!cJSON_IsString(f) || f->valuestring[0] == '\0' ||
		    strlen(f->valuestring) >= CONFIG_URL_MAX)
			return "an entry is not a URL string under 256 bytes";
		if (c->nfeeds == CONFIG_FEEDS_MAX)
			return "more than 16 feeds";
		snprintf(c->feeds[c->nfeeds++], CONFIG_URL_MAX, "%s",
		    f->valuestring);
	}
	return NULL;
}

/* One "action": "keys" or ["key", ...] into list (space-separated). */
static const char *
cfg_keylist(const cJSON *v, char *list, size_t size)
{
	const cJSON *k;
	size_t at = 0;

	list[0] = '\0';
	if (cJSON_IsString(v)) {
		if (strlen(v->valuestring) >= size)
			return "key list too long";
		snprintf(list, size, "%s", v->valuestring);
		return NULL;
	}
	if (!cJSON_IsArray(v))
		return "not a key name or an array of key names";
	cJSON_ArrayForEach(k, v) {
		size_t n;

		if (!cJSON_IsString(k) || k->valuestring[0] == '\0' ||
		    strchr(k->valuestring, ' ') != NULL)
			return "an entry is not a key name";
		n = strlen(k->valuestring);
		if (at + n + 2 > size)
			return "key list too long";
		if (at > 0)
			list[at++] = ' ';
		memcpy(list + at, k->valuestring, n + 1);
		at += n;
	}
	return NULL;
}

static const char *
cfg_keys(struct view_config *c, const cJSON *v, char *what, size_t wl)
{
	const cJSON *k;

	if (!cJSON_IsObject(v))
		return "not an object of action: keys";
	cJSON_ArrayForEach(k, v) {
		enum view_action a = view_action_by_word(k->string);
		char list[256];
		const char *why, *bad = NULL;

		snprintf(what, wl, "keys.%s", k->string);
		if (a == VA_NONE)
			return "no such action (see docs/operator.md)";
		if ((why = cfg_keylist(k, list, sizeof list)) != NULL)
			return why;
		if (!keymap_bind(&c->keys, a, list, &bad))
			return "unknown key name (Up, Down, Left, Right, Enter, "
			    "Tab, BTab, Esc, Space, PgUp, PgDn, Home, End, F1..F12, "
			    "C-a..C-z, or one printable character)";
	}
	return NULL;
}

static const char *
cfg_colours(struct view_config *c, const cJSON *v, char *what, size_t wl)
{
	const cJSON *k;

	if (!cJSON_IsObject(v))
		return "not an object of ROLE: colour";
	cJSON_ArrayForEach(k, v) {
		int role = -1, col = CONFIG_COLOUR_UNSET;

		snprintf(what, wl, "colours.%s", k->string);
		for (int r = 0; r < ROLE_COUNT; r++)
			if (strcmp(canvas_role_name((enum canvas_role)r),
			    k->string) == 0)
				role = r;
		if (role < 0)
			return "no such colour role (see docs/operator.md)";
		if (cJSON_IsString(k))
			col = config_colour(k->valuestring);
		else if (cJSON_IsNumber(k) && k->valuedouble >= 0 &&
		    k->valuedouble <= 255 &&
		    k->valuedouble == floor(k->valuedouble))
			col = (int)k->valuedouble;
		if (col == CONFIG_COLOUR_UNSET)
			return "not a colour (a name such as red, default, or 0..255)";
		c->colours[role] = (short)col;
	}
	return NULL;
}

/* One top-level member; NULL if fine, else the reason (what = where). */
static const char *
cfg_member(struct view_config *c, const cJSON *v, char *what, size_t wl)
{
	const char *k = v->string;

	snprintf(what, wl, "%s", k);
	if (strcmp(k, "feeds") == 0)
		return cfg_feeds(c, v);
	if (strcmp(k, "region") == 0) {
		if (!cJSON_IsString(v) || v->valuestring[0] == '\0' ||
		    strlen(v->valuestring) >= sizeof c->region)
			return "not a region name under 32 bytes";
		snprintf(c->region, sizeof c->region, "%s", v->valuestring);
		return NULL;
	}
	if (strcmp(k, "projection") == 0) {
		if (cJSON_IsString(v) && strcmp(v->valuestring, "mercator") == 0)
			c->projection = 1;
		else if (cJSON_IsString(v) &&
		    strcmp(v->valuestring, "equirect") == 0)
			c->projection = 0;
		else
			return "not \"equirect\" or \"mercator\"";
		return NULL;
	}
	if (strcmp(k, "ascii") == 0) {
		if (!cJSON_IsBool(v))
			return "not true or false";
		c->ascii = cJSON_IsTrue(v);
		return NULL;
	}
	if (strcmp(k, "max_rate") == 0) {
		if (!cJSON_IsNumber(v) || !(v->valuedouble >= 0) ||
		    v->valuedouble > 1e9)
			return "not a number of bytes/s in 0..1e9";
		c->max_rate = (long)v->valuedouble;
		return NULL;
	}
	if (strcmp(k, "fps") == 0) {
		if (!cJSON_IsNumber(v) || !(v->valuedouble >= 1) ||
		    v->valuedouble > 30)
			return "not a number of frames/s in 1..30";
		c->fps = (int)v->valuedouble;
		return NULL;
	}
	if (strcmp(k, "export_dir") == 0) {
		if (!cJSON_IsString(v) || v->valuestring[0] == '\0' ||
		    strlen(v->valuestring) >= sizeof c->export_dir)
			return "not a directory name under 1024 bytes";
		snprintf(c->export_dir, sizeof c->export_dir, "%s",
		    v->valuestring);
		return NULL;
	}
	if (strcmp(k, "keys") == 0)
		return cfg_keys(c, v, what, wl);
	if (strcmp(k, "colours") == 0 || strcmp(k, "colors") == 0)
		return cfg_colours(c, v, what, wl);
	return "unknown member (feeds, region, projection, ascii, max_rate, "
	    "fps, export_dir, keys, colours)";
}

tcop_err
config_parse(struct view_config *c, const char *input, const char *buf,
    size_t len, char *why, size_t whylen)
{
	const char *reason = NULL;
	char what[160] = "";
	cJSON *root;
	const cJSON *v;
	tcop_err e = TCOP_OK;

	tcop_json_init();
	jarena_begin();
	if ((root = jfile_object(input, buf, len, why, whylen)) == NULL) {
		e = TCOP_EJSON;
	} else {
		cJSON_ArrayForEach(v, root) {
			if ((reason = cfg_member(c, v, what, sizeof what)) != NULL)
				break;
		}
		if (reason != NULL) {
			snprintf(why, whylen, "%s: %s: %s", input, what, reason);
			e = TCOP_EFIELD;
		}
	}
	cJSON_Delete(root);
	jarena_end();
	return e;
}

static tcop_err
config_parse_file(void *arg, const char *path, const char *buf, size_t len,
    char *why, size_t whylen)
{
	return config_parse(arg, path, buf, len, why, whylen);
}

tcop_err
config_load(struct view_config *c, const char *path, char *why,
    size_t whylen)
{
	return jfile_load(path, config_parse_file, c, why, whylen);
}
