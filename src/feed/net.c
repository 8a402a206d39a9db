/*
 * net.c: TLS configuration for nng endpoints, and nng error reporting (see
 * net.h). PEM files are read whole (at most 1 MiB) and handed to nng.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "feed/net.h"

#include <nng/supplemental/util/platform.h>

bool
net_is_tls(const char *url)
{
	return strncmp(url, "tls+tcp", 7) == 0;
}

tcop_err
net_fail(const char *what, const char *url, int nng_rv)
{
	tcop_log("%s %s: %s", what, url, nng_strerror(nng_rv));
	return TCOP_ENET;
}

static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	size_t n;

	if (f == NULL)
		return NULL;
	buf = malloc(1 << 20);
	if (buf == NULL) {
		fclose(f);
		return NULL;
	}
	n = fread(buf, 1, (1 << 20) - 1, f);
	fclose(f);
	buf[n] = '\0';
	return buf;
}

tcop_err
net_tls_config(const struct net_tls *t, bool server, nng_tls_config **out)
{
	nng_tls_config *cfg;
	char *cert = NULL, *key = NULL;
	int rv;

	rv = nng_tls_config_alloc(&cfg, server ? NNG_TLS_MODE_SERVER :
	    NNG_TLS_MODE_CLIENT);
	if (rv != 0)
		return net_fail("tls", "config", rv);
	if ((t->cert == NULL) != (t->key == NULL)) {
		tcop_log("tls: --cert and --key go together");
		goto fail;
	}
	if (t->cert != NULL) {
		cert = slurp(t->cert);
		key = slurp(t->key);
		if (cert == NULL || key == NULL) {
			tcop_log("tls: cannot read %s", cert == NULL ? t->cert : t->key);
			goto fail;
		}
		if ((rv = nng_tls_config_own_cert(cfg, cert, key, NULL)) != 0) {
			tcop_log("tls: %s / %s: %s", t->cert, t->key,
			    nng_strerror(rv));
			goto fail;
		}
	} else if (server) {
		tcop_log("tls: a listener needs --cert and --key");
		goto fail;
	}
	if (t->ca != NULL) {
		if ((rv = nng_tls_config_ca_file(cfg, t->ca)) != 0) {
			tcop_log("tls: %s: %s", t->ca, nng_strerror(rv));
			goto fail;
		}
		rv = nng_tls_config_auth_mode(cfg, server && !t->require_client_cert ?
		    NNG_TLS_AUTH_MODE_OPTIONAL : NNG_TLS_AUTH_MODE_REQUIRED);
	} else {
		if (server && t->require_client_cert) {
			tcop_log("tls: --require-client-cert needs --ca");
			goto fail;
		}
		rv = nng_tls_config_auth_mode(cfg, NNG_TLS_AUTH_MODE_NONE);
	}
	if (rv != 0) {
		tcop_log("tls: auth mode: %s", nng_strerror(rv));
		goto fail;
	}
	free(cert);
	free(key);
	*out = cfg;
	return TCOP_OK;
fail:
	free(cert);
	free(key);
	nng_tls_config_free(cfg);
	return TCOP_EINVAL;
}

struct closer {
	nng_socket sock;
	atomic_int done;
};

static void *
closer_run(void *arg)
{
	struct closer *c = arg;

	nng_close(c->sock);
	atomic_store(&c->done, 1);
	return NULL;
}

bool
net_close_bounded(nng_socket sock, int wait_ms)
{
	static struct closer cs[256];
	static int ncs;
	struct closer *c;
	pthread_t th;

	if (ncs == (int)(sizeof cs / sizeof cs[0])) {
		nng_close(sock);
		return true;
	}
	c = &cs[ncs++];
	c->sock = sock;
	atomic_store(&c->done, 0);
	if (pthread_create(&th, NULL, closer_run, c) != 0) {
		nng_close(sock);
		return true;
	}
	for (int i = 0; i < wait_ms / 10 && !atomic_load(&c->done); i++)
		nng_msleep(10);
	if (!atomic_load(&c->done)) {
		pthread_detach(th);
		return false;
	}
	pthread_join(th, NULL);
	return true;
}

