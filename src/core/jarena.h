/*
 * jarena.h: a per-thread bump arena behind cJSON's allocation hooks, so
 * that parsing a message costs one pointer bump per node instead of one
 * malloc, and freeing the tree costs nothing.
 *
 * Usage: tcop_json_init() once (idempotent, installs the hooks); then
 *   jarena_begin(); tree = cJSON_Parse...(); ...; cJSON_Delete(tree);
 *   jarena_end();
 * Between begin and end, cJSON allocations on this thread come from the
 * arena (1 MiB); when it is full they fall back to malloc, and the free hook
 * tells the two apart by address, so nothing leaks and nothing is freed
 * twice. Outside begin/end the hooks are plain malloc/free. A tree built in
 * the arena must not outlive jarena_end().
 */
#ifndef TCOP_JARENA_H
#define TCOP_JARENA_H

void tcop_json_init(void);
void jarena_begin(void);
void jarena_end(void);

#endif
