/*
 * jarena.c: cJSON allocation hooks backed by a per-thread bump arena (see
 * jarena.h for the contract). The arena block is allocated on a thread's
 * first jarena_begin() and kept for the life of the thread (it is freed by
 * a thread-exit destructor, so LeakSanitizer stays quiet).
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>

#include <cjson/cJSON.h>

#include "core/jarena.h"

#define ARENA_SIZE (1u << 20)

struct arena {
	unsigned char *base;
	size_t used;
	int depth; /* begin/end nesting */
};

static _Thread_local struct arena arena;
static pthread_once_t hooks_once = PTHREAD_ONCE_INIT;
static pthread_key_t arena_key;

static void
arena_free_block(void *p)
{
	free(p);
}

static void *
arena_malloc(size_t n)
{
	if (arena.depth > 0 && arena.base != NULL) {
		size_t need = (n + 15) & ~(size_t)15;
		if (need <= ARENA_SIZE - arena.used) {
			void *p = arena.base + arena.used;
			arena.used += need;
			return p;
		}
	}
	return malloc(n);
}

static void
arena_free(void *p)
{
	unsigned char *c = p;

	if (arena.base != NULL && c >= arena.base && c < arena.base + ARENA_SIZE)
		return;
	free(p);
}

static void
install_hooks(void)
{
	cJSON_Hooks h = { arena_malloc, arena_free };

	pthread_key_create(&arena_key, arena_free_block);
	cJSON_InitHooks(&h);
}

void
tcop_json_init(void)
{
	pthread_once(&hooks_once, install_hooks);
}

void
jarena_begin(void)
{
	tcop_json_init();
	if (arena.base == NULL) {
		arena.base = malloc(ARENA_SIZE);
		if (arena.base != NULL)
			pthread_setspecific(arena_key, arena.base);
	}
	if (arena.depth++ == 0)
		arena.used = 0;
}

void
jarena_end(void)
{
	if (arena.depth > 0 && --arena.depth == 0)
		arena.used = 0;
}
