/*
 * bus_bench.c: the feed bus's figures beside their peers, same process,
 * same run (issue 2):
 *   - tcop/1 decode + validate (tcop_event_decode) vs plain cJSON_Parse plus
 *     reading the same fields, on the same ~290-byte events;
 *   - delivered messages/s publisher -> subscriber over inproc, ipc and
 *     tcp loopback with 300-byte messages: tcop's pub/feedbus vs raw nng
 *     PUB/SUB sockets with default options, with messages lost counted;
 *   - lost messages at 50,000 msg/s offered over tcp loopback.
 * Prints Markdown rows for bench/run.sh. Not a test: nothing fails on a
 * timing.
 */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <nng/nng.h>
#include <nng/protocol/pubsub0/pub.h>
#include <nng/protocol/pubsub0/sub.h>
#include <nng/supplemental/util/platform.h>

#include "feed/bus.h"
#include "feed/pub.h"

#define NEV 4096

static char *events[NEV];
static size_t lens[NEV];

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void
make_events(void)
{
	for (int i = 0; i < NEV; i++) {
		char buf[512];
		int n = snprintf(buf, sizeof buf,
		    "maritime/track {\"id\":\"mmsi:%d\",\"t\":\"2026-11-26T23:%02d:%02d.%03dZ\","
		    "\"src\":\"aisrx-naha\",\"seq\":%d,\"cls\":\"U\",\"rel\":[\"USA\",\"JPN\"],"
		    "\"lat\":%.5f,\"lon\":%.5f,\"type\":1,\"mmsi\":%d,\"status\":0,"
		    "\"speed\":%.1f,\"course\":%.1f,\"heading\":%d,\"turn\":0,"
		    "\"accuracy\":1,\"shipname\":\"SHIP %d\",\"via\":\"terrestrial\"}",
		    431000000 + i, (i / 60) % 60, i % 60, i % 1000, i + 1,
		    30 + (i % 1000) / 100.0, 125 + (i % 1500) / 100.0, 431000000 + i,
		    (i % 200) / 10.0, (i * 7) % 360 + 0.5, (i * 7) % 360, i);
		events[i] = strdup(buf);
		lens[i] = (size_t)n;
	}
}

/* Plain cJSON: parse the JSON and read the same fields the decoder reads. */
static double
plain_cjson(double secs)
{
	volatile double sink = 0;
	long n = 0;
	double t0 = now_s(), t;

	do {
		for (int k = 0; k < 1024; k++, n++) {
			const char *m = events[n % NEV];
			const char *js = strchr(m, ' ') + 1;
			cJSON *o = cJSON_ParseWithLength(js, lens[n % NEV] - (size_t)(js - m));
			if (o == NULL)
				abort();
			for (cJSON *it = o->child; it != NULL; it = it->next) {
				if (cJSON_IsNumber(it))
					sink += it->valuedouble;
				else if (cJSON_IsString(it))
					sink += (double)(unsigned char)it->valuestring[0];
			}
			cJSON_Delete(o);
		}
		t = now_s();
	} while (t - t0 < secs);
	(void)sink;
	return (double)n / (t - t0);
}

static double
tcop_decode(double secs)
{
	static tcop_event ev;
	long n = 0;
	double t0 = now_s(), t;

	do {
		for (int k = 0; k < 1024; k++, n++)
			if (tcop_event_decode(events[n % NEV], lens[n % NEV], &ev) != TCOP_OK)
				abort();
		t = now_s();
	} while (t - t0 < secs);
	return (double)n / (t - t0);
}

static double
best(double (*fn)(double), int runs)
{
	double b = 0;

	for (int i = 0; i < runs; i++) {
		double r = fn(0.5);
		if (r > b)
			b = r;
	}
	return b;
}

/* ---- transport ---------------------------------------------------------- */

struct rx {
	const char *url;
	bool tcop;
	bool tuned;
	long want;
	long got;
	long lost;
	double t_first, t_last;
	volatile int ready;
	volatile int stop;
};

/* Spin until message i of a stream started at t0 is due at rate msg/s
 * (0: no pacing); a spin, not a sleep, for sub-millisecond steps. */
static void
pace(double t0, long i, double rate)
{
	if (rate > 0)
		while (now_s() - t0 < (double)i / rate)
			;
}

/* Give the receiver up to 3 s to see all n, then stop and join it. */
static void
rx_stop(struct rx *r, pthread_t th, long n)
{
	for (int w = 0; w < 30 && r->got < n; w++)
		nng_msleep(100);
	r->stop = 1;
	pthread_join(th, NULL);
}

/* Messages lost of n, and the delivered rate from t0 to the last. */
static double
rx_rate(const struct rx *r, long n, double t0, long *lost)
{
	*lost = n - r->got;
	return r->got > 1 ? (double)r->got / (r->t_last - t0) : 0;
}

static void *
raw_rx(void *arg)
{
	struct rx *r = arg;
	nng_socket s;
	long last = -1;

	nng_sub0_open(&s);
	nng_socket_set(s, NNG_OPT_SUB_SUBSCRIBE, "", 0);
	nng_socket_set_ms(s, NNG_OPT_RECVTIMEO, 100);
	if (r->tuned)
		nng_socket_set_int(s, NNG_OPT_RECVBUF, 8192);
	nng_dial(s, r->url, NULL, NNG_FLAG_NONBLOCK);
	r->ready = 1;
	while (!r->stop && r->got < r->want) {
		nng_msg *m;
		if (nng_recvmsg(s, &m, 0) != 0)
			continue;
		long seq;
		memcpy(&seq, nng_msg_body(m), sizeof seq);
		if (r->got == 0)
			r->t_first = now_s();
		if (last >= 0 && seq > last + 1)
			r->lost += seq - last - 1;
		last = seq;
		r->got++;
		r->t_last = now_s();
		nng_msg_free(m);
	}
	nng_close(s);
	return NULL;
}

static void *
tcop_rx(void *arg)
{
	struct rx *r = arg;
	feedbus *b;
	static tcop_event ev;

	feedbus_create(&b);
	feedbus_add(b, r->url, "", NULL);
	r->ready = 1;
	while (!r->stop && r->got < r->want) {
		struct pollfd fds[1];
		struct feed_msg m;
		int n = feedbus_pollfds(b, fds, 1);
		poll(fds, (nfds_t)n, 100);
		while (feedbus_recv(b, &m) == TCOP_OK) {
			if (feedbus_decode(b, &m, &ev) != TCOP_OK)
				abort();
			if (r->got == 0)
				r->t_first = now_s();
			r->got++;
			r->t_last = now_s();
		}
	}
	r->lost = (long)feedbus_health(b, 0, tcop_mono_ms())->lost;
	feedbus_destroy(b);
	return NULL;
}

/* 300-byte messages; rate 0 = as fast as possible. Returns delivered/s. */
static double
run_raw2(const char *url, long n, double rate, long *lost, bool tuned)
{
	nng_socket s;
	pthread_t th;
	struct rx r = { .url = url, .want = n, .tuned = tuned };
	char msg[300];

	memset(msg, 'x', sizeof msg);
	nng_pub0_open(&s);
	if (tuned)
		nng_socket_set_int(s, NNG_OPT_SENDBUF, 8192);
	nng_listen(s, url, NULL, 0);
	pthread_create(&th, NULL, raw_rx, &r);
	while (!r.ready)
		nng_msleep(1);
	nng_msleep(300);
	double t0 = now_s();
	for (long i = 0; i < n; i++) {
		memcpy(msg, &i, sizeof i);
		nng_send(s, msg, sizeof msg, 0);
		pace(t0, i, rate);
	}
	rx_stop(&r, th, n);
	nng_close(s);
	return rx_rate(&r, n, t0, lost);
}

static double
run_raw(const char *url, long n, double rate, long *lost)
{
	return run_raw2(url, n, rate, lost, false);
}

static double
run_tcop(const char *url, long n, double rate, long *lost)
{
	struct pub_opts o = { .url = url, .refresh = -1 };
	pub *p;
	pthread_t th;
	struct rx r = { .url = url, .want = n, .tcop = true };
	static char json[400];

	if (pub_open(&p, &o) != TCOP_OK)
		abort();
	pthread_create(&th, NULL, tcop_rx, &r);
	pub_wait_subscribers(p, 1, 5000);
	double t0 = now_s();
	for (long i = 0; i < n; i++) {
		/* a ~300-byte tcop/1 event */
		int len = snprintf(json, sizeof json,
		    "{\"id\":\"mmsi:%ld\",\"t\":\"2026-11-26T23:00:00Z\",\"src\":\"b\","
		    "\"seq\":%ld,\"lat\":34.5,\"lon\":130.25,\"speed\":12.5,"
		    "\"course\":270.1,\"heading\":270,\"type\":1,\"status\":0,"
		    "\"shipname\":\"BENCH %ld\",\"rel\":[\"USA\",\"JPN\"],\"cls\":\"U\","
		    "\"pad\":\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}",
		    i % 5000, i + 1, i);
		pub_send(p, "maritime/track", json, (size_t)len, NULL);
		pace(t0, i, rate);
	}
	rx_stop(&r, th, n);
	pub_close(p, 0);
	return rx_rate(&r, n, t0, lost);
}

int
main(void)
{
	char url[128];
	long lost_raw, lost_tcop;

	make_events();
	tcop_decode(0.2); /* warm up, installs the arena hooks */
	cJSON_InitHooks(NULL);
	double pc = best(plain_cjson, 3);
	double td = best(tcop_decode, 3);
	printf("| bus | tcop/1 events/s decoded+validated (%zu-byte track events) | %.0f | plain cJSON_Parse + field reads | %.0f | %.2f |\n",
	    lens[0], td, pc, td / pc);
	fflush(stdout);

	static const char *tr[] = { "inproc", "ipc", "tcp" };
	long n = 200000;
	for (int i = 0; i < 3; i++) {
		if (i == 0)
			snprintf(url, sizeof url, "inproc://bench-%d", i);
		else if (i == 1)
			snprintf(url, sizeof url, "ipc:///tmp/tcop-bench-%d.ipc", (int)getpid());
		else
			snprintf(url, sizeof url, "tcp://127.0.0.1:%d", 20000 + getpid() % 20000);
		double raw = run_raw(url, n, 0, &lost_raw);
		if (i == 1)
			snprintf(url, sizeof url, "ipc:///tmp/tcop-bench-%d-b.ipc", (int)getpid());
		else if (i == 2)
			snprintf(url, sizeof url, "tcp://127.0.0.1:%d", 20001 + getpid() % 20000);
		else
			snprintf(url, sizeof url, "inproc://bench-b-%d", i);
		double tc = run_tcop(url, n, 0, &lost_tcop);
		printf("| bus | %s delivered msgs/s, %ld x 300 B flat out (lost: tcop %ld, raw %ld) | %.0f | raw nng pub/sub, default queues | %.0f | %.2f |\n",
		    tr[i], n, lost_tcop, lost_raw, tc, raw, raw > 0 ? tc / raw : 0);
		fflush(stdout);
	}
	snprintf(url, sizeof url, "tcp://127.0.0.1:%d", 20002 + getpid() % 20000);
	double raw50 = run_raw(url, 250000, 50000, &lost_raw);
	snprintf(url, sizeof url, "tcp://127.0.0.1:%d", 20003 + getpid() % 20000);
	double tc50 = run_tcop(url, 250000, 50000, &lost_tcop);
	printf("| bus | tcp lost messages at 50,000 msg/s offered, 250,000 sent (target 0) | %ld | raw nng pub/sub, default queues | %ld | - |\n",
	    lost_tcop, lost_raw);
	printf("| bus | tcp delivered msgs/s at 50,000 offered | %.0f | raw nng pub/sub | %.0f | %.2f |\n",
	    tc50, raw50, raw50 > 0 ? tc50 / raw50 : 0);
	snprintf(url, sizeof url, "tcp://127.0.0.1:%d", 20004 + getpid() % 20000);
	double rawt = run_raw2(url, 250000, 50000, &lost_raw, true);
	printf("| bus | tcp at 50,000 msg/s offered: tcop (decode+validate+seq) vs raw nng with the same 8192-message queues, delivered msgs/s (lost: tcop %ld, raw %ld) | %.0f | raw nng pub/sub, 8192 queues | %.0f | %.2f |\n",
	    lost_tcop, lost_raw, tc50, rawt, rawt > 0 ? tc50 / rawt : 0);
	return 0;
}
