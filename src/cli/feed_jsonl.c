/*
 * feed_jsonl.c: `tcop feed jsonl --listen URL FILE`: publish tcop/1 messages
 * from a file (or stdin, or a .gz), one a line, either as a message
 * (`TOPIC JSON`) or as a JSON object carrying its topic in "topic" (which is
 * taken out of the published object). Each line is validated like any
 * subscriber would (a bad line is reported as FILE:LINE and the reason,
 * counted, and skipped); an event without `seq` gets the next one of its
 * src. Blank lines and lines starting with '#' are skipped.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>
#include <zlib.h>

#include "cli/cli_pub.h"
#include "tcop/event.h"

#define LINE_MAX_LEN (TCOP_MSG_MAX + 64)

static const char help[] =
    "usage: tcop feed jsonl --listen URL [OPTIONS] FILE|-\n"
    "\n"
    "Publish tcop/1 messages from FILE (plain or .gz; - is stdin), one a line:\n"
    "either 'TOPIC {JSON}' or a JSON object with its topic in \"topic\".\n"
    "Bad lines are reported as FILE:LINE: reason, counted and skipped.\n"
    "\n"
    "options:\n"
    CLI_PUB_HELP
    "  --rate N                  at most N messages per second (default: no limit)\n"
    "  --src NAME                src for lines that have none (they are rejected\n"
    "                            otherwise)\n"
    "  -q, --quiet               no per-line error messages, only the summary\n"
    "  -h, --help                this help\n"
    "\n"
    "exit status: 0 all lines sent, 1 some lines were rejected or it could\n"
    "not listen, 2 usage.\n";

struct jsonl {
	const char *path;
	long lineno;
	uint64_t sent, bad;
	uint64_t bad_by[TCOP_NERR];
	bool quiet;
	const char *src;
};

/* "{...}" with "topic" -> topic and an object without it (malloc'd). */
static char *
split_topic_object(const char *line, size_t len, char *topic, size_t tsize)
{
	cJSON *root = cJSON_ParseWithLength(line, len), *t;
	char *out = NULL;

	if (root == NULL || !cJSON_IsObject(root))
		goto done;
	t = cJSON_GetObjectItemCaseSensitive(root, "topic");
	if (!cJSON_IsString(t) || strlen(t->valuestring) >= tsize)
		goto done;
	strcpy(topic, t->valuestring);
	cJSON_DeleteItemFromObjectCaseSensitive(root, "topic");
	out = cJSON_PrintUnformatted(root);
done:
	cJSON_Delete(root);
	return out;
}

static void
reject(struct jsonl *j, tcop_err why)
{
	j->bad++;
	j->bad_by[why]++;
	if (!j->quiet)
		fprintf(stderr, "%s:%ld: %s\n", j->path, j->lineno,
		    tcop_strerror(why));
}

/* Add "src" and/or "seq" before the closing brace, into buf. */
static size_t
splice(char *buf, size_t size, const char *json, size_t len, const char *src,
    int64_t seq)
{
	size_t n = len;

	while (n > 0 && json[n - 1] != '}')
		n--;
	if (n == 0 || n + 128 + (src ? strlen(src) : 0) > size)
		return 0;
	memcpy(buf, json, n - 1);
	size_t o = n - 1;
	bool empty = o == 1; /* "{" only */
	if (src != NULL)
		o += (size_t)snprintf(buf + o, size - o, "%s\"src\":\"%s\"",
		    empty ? "" : ",", src), empty = false;
	if (seq >= 0)
		o += (size_t)snprintf(buf + o, size - o, "%s\"seq\":%lld",
		    empty ? "" : ",", (long long)seq);
	buf[o++] = '}';
	return o;
}

static void
send_line(struct jsonl *j, pub *p, char *line, size_t len)
{
	static char topic[TCOP_TOPIC_MAX];
	static char with_src[LINE_MAX_LEN + 256], with_seq[LINE_MAX_LEN + 512];
	static tcop_event ev;
	char *obj = NULL;
	const char *json;
	size_t jlen;
	tcop_err rv;

	if (line[0] == '{') {
		obj = split_topic_object(line, len, topic, sizeof topic);
		if (obj == NULL) {
			reject(j, TCOP_ETOPIC);
			return;
		}
		json = obj;
		jlen = strlen(obj);
	} else {
		long tl = tcop_msg_topic_len(line, len);
		if (tl < 0) {
			reject(j, TCOP_ETOPIC);
			return;
		}
		memcpy(topic, line, (size_t)tl);
		topic[tl] = '\0';
		json = line + tl + 1;
		jlen = len - (size_t)tl - 1;
	}
	rv = tcop_event_decode2(topic, strlen(topic), json, jlen, &ev);
	if (rv == TCOP_ESRC && j->src != NULL) {
		size_t n = splice(with_src, sizeof with_src, json, jlen, j->src, -1);
		if (n > 0) {
			json = with_src;
			jlen = n;
			rv = tcop_event_decode2(topic, strlen(topic), json, jlen, &ev);
		}
	}
	if (rv == TCOP_OK && ev.seq < 0) {
		size_t n = splice(with_seq, sizeof with_seq, json, jlen, NULL,
		    pub_next_seq(p, ev.src));
		if (n > 0) {
			json = with_seq;
			jlen = n;
			rv = tcop_event_decode2(topic, strlen(topic), json, jlen, &ev);
		}
	}
	if (rv != TCOP_OK) {
		reject(j, rv);
	} else if ((rv = pub_send(p, topic, json, jlen, &ev)) != TCOP_OK) {
		reject(j, rv);
	} else {
		j->sent++;
	}
	free(obj);
}

int
feed_jsonl(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_PUB_LONGOPTS,
		{ "rate", required_argument, NULL, 'r' },
		{ "src", required_argument, NULL, 's' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *cmd = "feed jsonl";
	struct cli_pub cp;
	struct jsonl j = { 0 };
	long rate = 0;
	int c, rc;
	pub *p = NULL;
	gzFile gz;
	static char line[LINE_MAX_LEN + 2];

	cli_pub_init(&cp);
	optind = 1;
	while ((c = cli_pub_getopt(cmd, &cp, argc, argv, longopts)) != -1) {
		switch (c) {
		case CLI_PUB_BAD:
			return CLI_USAGE;
		case 'r':
			if (!cli_parse_long(optarg, 1, 100000000, &rate))
				return cli_usage(cmd, "--rate wants messages/s, not '%s'",
				    optarg);
			break;
		case 's':
			j.src = optarg;
			break;
		case 'q':
			j.quiet = true;
			break;
		case 'h':
			fputs(help, stdout);
			return CLI_OK;
		default:
			return cli_usage(cmd, "unknown option");
		}
	}
	if (optind != argc - 1)
		return cli_usage(cmd, "wants one FILE (or -)");
	j.path = argv[optind];
	gz = strcmp(j.path, "-") == 0 ? gzdopen(0, "rb") : gzopen(j.path, "rb");
	if (gz == NULL) {
		fprintf(stderr, "tcop %s: %s: cannot open\n", cmd, j.path);
		return CLI_FAIL;
	}
	gzbuffer(gz, 1 << 17);
	cli_signals();
	if ((rc = cli_pub_start(cmd, &cp, &p)) != CLI_OK) {
		gzclose(gz);
		return rc;
	}
	tcop_ms start = tcop_mono_ms();
	while (!cli_stop && gzgets(gz, line, sizeof line) != NULL) {
		size_t len = strlen(line);
		j.lineno++;
		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		else if (len == sizeof line - 1) {
			int ch;
			while ((ch = gzgetc(gz)) != -1 && ch != '\n')
				;
			reject(&j, TCOP_ETOOBIG);
			continue;
		}
		if (len > 0 && line[len - 1] == '\r')
			line[--len] = '\0';
		if (len == 0 || line[0] == '#')
			continue;
		cli_pace(rate, j.sent + j.bad, start);
		send_line(&j, p, line, len);
		if ((j.lineno & 1023) == 0)
			pub_tick(p);
	}
	gzclose(gz);
	pub_tick(p);
	fprintf(stderr, "tcop %s: %s: %llu sent, %llu rejected", cmd, j.path,
	    (unsigned long long)j.sent, (unsigned long long)j.bad);
	for (int r = 0; r < TCOP_NERR; r++)
		if (j.bad_by[r] > 0)
			fprintf(stderr, ", %s %llu", tcop_err_name((tcop_err)r),
			    (unsigned long long)j.bad_by[r]);
	fprintf(stderr, "\n");
	cli_pub_finish(&cp, p);
	return j.bad > 0 || cli_stop ? CLI_FAIL : CLI_OK;
}
