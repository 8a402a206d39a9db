/*
 * err.c: the text and the stable name of every tcop_err. The table is the
 * X-macro in tcop.h, so adding a code there is all it takes.
 */
#include "tcop/tcop.h"

static const char *const err_text[] = {
#define TCOP_ERR_TEXT(name, text) text,
	TCOP_ERRORS(TCOP_ERR_TEXT)
#undef TCOP_ERR_TEXT
};

static const char *const err_names[] = {
#define TCOP_ERR_NAME(name, text) #name,
	TCOP_ERRORS(TCOP_ERR_NAME)
#undef TCOP_ERR_NAME
};

const char *
tcop_strerror(tcop_err e)
{
	if ((int)e < 0 || e >= TCOP_NERR)
		return "unknown error";
	return err_text[e];
}

const char *
tcop_err_name(tcop_err e)
{
	if ((int)e < 0 || e >= TCOP_NERR)
		return "EUNKNOWN";
	return err_names[e];
}
