/*
 * vt-parser.c -- the byte-level parser: the DEC/ANSI state machine of
 * vt100.net's "A parser for DEC's ANSI-compatible video terminals"
 * (Paul Williams), written as one table of transitions per state, plus
 * UTF-8 decoding in the ground state. It turns bytes into printable text
 * (vt-screen.c), control functions (vt-esc.c, vt-csi.c) and strings
 * (vt-string.c); it interprets nothing itself. Hot paths bypass the
 * tables without changing what they do: runs of printable ASCII, runs of
 * 2- and 3-byte UTF-8 characters, C0 controls in the ground state, a
 * whole ESC [ parameters final from the ground state (SGR called
 * directly), CSI parameter bytes, ESC [ and CSI final bytes.
 *
 * Memory is bounded on purpose: at most VT_MAX_PARAMS parameters (values
 * clamped to VT_MAX_PARAM), VT_MAX_INTERS intermediates, and
 * VT_MAX_STRING bytes of a string sequence; beyond that the sequence is
 * dropped, so hostile input cannot grow memory or overflow a number.
 *
 * Departures from the diagram, each on purpose: 8-bit C1 bytes are not
 * controls (a UTF-8 terminal reads 0x80..0x9f as parts of characters) but
 * C1 code points decoded from UTF-8 are; ':' is a sub-parameter separator
 * (ECMA-48 5.4.2, used by SGR 38:2:...); screen's ESC k starts a title
 * string; CAN and SUB abort a string instead of ending it.
 */
#include <stdlib.h>
#include <string.h>

#include "vt-private.h"

enum vt_parser_action {
	VT_ACT_IGNORE = 0,
	VT_ACT_EXECUTE, /* a C0 control */
	VT_ACT_PRINT,	/* a graphic character */
	VT_ACT_COLLECT, /* an intermediate byte */
	VT_ACT_MARKER,	/* a private marker < = > ? */
	VT_ACT_PARAM,	/* a digit, ; or : */
	VT_ACT_ESC,	/* ESC final: dispatch */
	VT_ACT_CSI,	/* CSI final: dispatch */
	VT_ACT_HOOK,	/* DCS final: remember it, start the data */
	VT_ACT_PUT,	/* a byte of a string */
	VT_ACT_CANCEL,	/* CAN/SUB: abort any string, execute */
};

struct vt_parser_transition {
	uint8_t first, last;
	uint8_t action;
	uint8_t next; /* VT_STATE_*, or VT_SAME */
};
#define VT_SAME 0xff

/* The C0 controls that execute in most states (all but CAN, SUB, ESC). */
#define VT_C0(action)                                                     \
	{ 0x00, 0x17, action, VT_SAME }, { 0x19, 0x19, action, VT_SAME }, \
	{                                                                 \
		0x1c, 0x1f, action, VT_SAME                               \
	}
#define VT_END             \
	{                  \
		0, 0, 0, 0 \
	}

/* Transitions from anywhere, tried first. */
static const struct vt_parser_transition vt_parser_anywhere[] = {
	{ 0x18, 0x18, VT_ACT_CANCEL, VT_STATE_GROUND },
	{ 0x1a, 0x1a, VT_ACT_CANCEL, VT_STATE_GROUND },
	{ 0x1b, 0x1b, VT_ACT_IGNORE, VT_STATE_ESCAPE },
	VT_END,
};

static const struct vt_parser_transition vt_parser_ground[] = {
	VT_C0(VT_ACT_EXECUTE),
	{ 0x20, 0x7e, VT_ACT_PRINT, VT_SAME },
	VT_END,
};

static const struct vt_parser_transition vt_parser_escape[] = {
	VT_C0(VT_ACT_EXECUTE),
	{ 0x20, 0x2f, VT_ACT_COLLECT, VT_STATE_ESCAPE_INTERMEDIATE },
	{ 0x50, 0x50, VT_ACT_IGNORE, VT_STATE_DCS_ENTRY },	   /* DCS */
	{ 0x58, 0x58, VT_ACT_IGNORE, VT_STATE_SOS_PM_APC_STRING }, /* SOS */
	{ 0x5b, 0x5b, VT_ACT_IGNORE, VT_STATE_CSI_ENTRY },	   /* CSI */
	{ 0x5d, 0x5d, VT_ACT_IGNORE, VT_STATE_OSC_STRING },	   /* OSC */
	{ 0x5e, 0x5f, VT_ACT_IGNORE, VT_STATE_SOS_PM_APC_STRING }, /* PM APC */
	{ 0x6b, 0x6b, VT_ACT_IGNORE, VT_STATE_TITLE_STRING },	   /* screen */
	{ 0x30, 0x7e, VT_ACT_ESC, VT_STATE_GROUND },
	VT_END,
};

static const struct vt_parser_transition vt_parser_escape_intermediate[] = {
	VT_C0(VT_ACT_EXECUTE),
	{ 0x20, 0x2f, VT_ACT_COLLECT, VT_SAME },
	{ 0x30, 0x7e, VT_ACT_ESC, VT_STATE_GROUND },
	VT_END,
};

static const struct vt_parser_transition vt_parser_csi_entry[] = {
	VT_C0(VT_ACT_EXECUTE),
	{ 0x20, 0x2f, VT_ACT_COLLECT, VT_STATE_CSI_INTERMEDIATE },
	{ 0x30, 0x3b, VT_ACT_PARAM, VT_STATE_CSI_PARAM },
	{ 0x3c, 0x3f, VT_ACT_MARKER, VT_STATE_CSI_PARAM },
	{ 0x40, 0x7e, VT_ACT_CSI, VT_STATE_GROUND },
	VT_END,
};

static const struct vt_parser_transition vt_parser_csi_param[] = {
	{ 0x30, 0x3b, VT_ACT_PARAM, VT_SAME },
	VT_C0(VT_ACT_EXECUTE),
	{ 0x20, 0x2f, VT_ACT_COLLECT, VT_STATE_CSI_INTERMEDIATE },
	{ 0x3c, 0x3f, VT_ACT_IGNORE, VT_STATE_CSI_IGNORE },
	{ 0x40, 0x7e, VT_ACT_CSI, VT_STATE_GROUND },
	VT_END,
};

static const struct vt_parser_transition vt_parser_csi_intermediate[] = {
	VT_C0(VT_ACT_EXECUTE),
	{ 0x20, 0x2f, VT_ACT_COLLECT, VT_SAME },
	{ 0x30, 0x3f, VT_ACT_IGNORE, VT_STATE_CSI_IGNORE },
	{ 0x40, 0x7e, VT_ACT_CSI, VT_STATE_GROUND },
	VT_END,
};

static const struct vt_parser_transition vt_parser_csi_ignore[] = {
	VT_C0(VT_ACT_EXECUTE),
	{ 0x40, 0x7e, VT_ACT_IGNORE, VT_STATE_GROUND },
	VT_END,
};

static const struct vt_parser_transition vt_parser_dcs_entry[] = {
	{ 0x20, 0x2f, VT_ACT_COLLECT, VT_STATE_DCS_INTERMEDIATE },
	{ 0x30, 0x3b, VT_ACT_PARAM, VT_STATE_DCS_PARAM },
	{ 0x3c, 0x3f, VT_ACT_MARKER, VT_STATE_DCS_PARAM },
	{ 0x40, 0x7e, VT_ACT_HOOK, VT_STATE_DCS_PASSTHROUGH },
	VT_END,
};

static const struct vt_parser_transition vt_parser_dcs_param[] = {
	{ 0x30, 0x3b, VT_ACT_PARAM, VT_SAME },
	{ 0x20, 0x2f, VT_ACT_COLLECT, VT_STATE_DCS_INTERMEDIATE },
	{ 0x3c, 0x3f, VT_ACT_IGNORE, VT_STATE_DCS_IGNORE },
	{ 0x40, 0x7e, VT_ACT_HOOK, VT_STATE_DCS_PASSTHROUGH },
	VT_END,
};

static const struct vt_parser_transition vt_parser_dcs_intermediate[] = {
	{ 0x20, 0x2f, VT_ACT_COLLECT, VT_SAME },
	{ 0x30, 0x3f, VT_ACT_IGNORE, VT_STATE_DCS_IGNORE },
	{ 0x40, 0x7e, VT_ACT_HOOK, VT_STATE_DCS_PASSTHROUGH },
	VT_END,
};

static const struct vt_parser_transition vt_parser_dcs_passthrough[] = {
	VT_C0(VT_ACT_PUT),
	{ 0x20, 0x7e, VT_ACT_PUT, VT_SAME },
	VT_END,
};

static const struct vt_parser_transition vt_parser_osc_string[] = {
	{ 0x07, 0x07, VT_ACT_IGNORE, VT_STATE_GROUND }, /* BEL ends it */
	{ 0x20, 0x7f, VT_ACT_PUT, VT_SAME },
	VT_END,
};

static const struct vt_parser_transition vt_parser_ignore_all[] = {
	VT_END,
};

static const struct vt_parser_transition
    *const vt_parser_tables[VT_STATE_COUNT] = {
	    [VT_STATE_GROUND] = vt_parser_ground,
	    [VT_STATE_ESCAPE] = vt_parser_escape,
	    [VT_STATE_ESCAPE_INTERMEDIATE] = vt_parser_escape_intermediate,
	    [VT_STATE_CSI_ENTRY] = vt_parser_csi_entry,
	    [VT_STATE_CSI_PARAM] = vt_parser_csi_param,
	    [VT_STATE_CSI_INTERMEDIATE] = vt_parser_csi_intermediate,
	    [VT_STATE_CSI_IGNORE] = vt_parser_csi_ignore,
	    [VT_STATE_DCS_ENTRY] = vt_parser_dcs_entry,
	    [VT_STATE_DCS_PARAM] = vt_parser_dcs_param,
	    [VT_STATE_DCS_INTERMEDIATE] = vt_parser_dcs_intermediate,
	    [VT_STATE_DCS_PASSTHROUGH] = vt_parser_dcs_passthrough,
	    [VT_STATE_DCS_IGNORE] = vt_parser_ignore_all,
	    [VT_STATE_OSC_STRING] = vt_parser_osc_string,
	    [VT_STATE_SOS_PM_APC_STRING] = vt_parser_ignore_all,
	    [VT_STATE_TITLE_STRING] = vt_parser_osc_string,
    };

void
vt_parser_init(struct vt_parser *p)
{
	free(p->str);
	memset(p, 0, sizeof *p);
	vt_utf8_init(&p->utf8);
}

void
vt_parser_free(struct vt_parser *p)
{
	free(p->str);
	p->str = NULL;
}

static void
vt_parser_clear(struct vt_parser *p)
{
	p->marker = 0;
	p->ninters = 0;
	p->nparams = 0;
	p->colon = 0;
	p->overflow = 0;
}

static void
vt_parser_param(struct vt_parser *p, uint8_t b)
{
	int32_t *v;

	if (p->nparams == 0) {
		p->nparams = 1;
		p->params[0] = -1;
	}
	if (b == ';' || b == ':') {
		if (p->nparams == VT_MAX_PARAMS) {
			p->overflow = 1;
			return;
		}
		p->params[p->nparams] = -1;
		if (b == ':')
			p->colon |= 1u << p->nparams;
		p->nparams++;
		return;
	}
	if (p->overflow)
		return;
	v = &p->params[p->nparams - 1];
	if (*v < 0)
		*v = 0;
	*v = *v * 10 + (b - '0');
	if (*v > VT_MAX_PARAM)
		*v = VT_MAX_PARAM;
}

/* A run of parameter bytes (digits, ':' and ';') at s: the same as
   vt_parser_param() for each, with the value kept in a register. Returns
   the first byte after the run. */
static const uint8_t *
vt_parser_params(struct vt_parser *p, const uint8_t *s, const uint8_t *end)
{
	unsigned n = p->nparams, d;
	uint32_t acc;
	int32_t v;

	if (n == 0) {
		n = 1;
		p->params[0] = -1;
	}
	v = p->params[n - 1];
	while (s < end) {
		d = (uint8_t)(*s - '0');
		if (d < 10) {
			if (v < 0 && end - s >= 4) {
				/* A new parameter of one to three digits,
				   the usual case, without a loop. */
				unsigned d1 = (uint8_t)(s[1] - '0'), d2, d3;

				if (d1 >= 10) {
					v = (int32_t)d;
					s += 1;
					continue;
				}
				d2 = (uint8_t)(s[2] - '0');
				if (d2 >= 10) {
					v = (int32_t)(d * 10 + d1);
					s += 2;
					continue;
				}
				d3 = (uint8_t)(s[3] - '0');
				if (d3 >= 10) {
					v = (int32_t)(d * 100 + d1 * 10 + d2);
					s += 3;
					continue;
				}
			}
			/* The digits of one parameter, in a register. */
			acc = v < 0 ? 0 : (uint32_t)v;
			do {
				acc = acc * 10 + d;
				if (acc > VT_MAX_PARAM)
					acc = VT_MAX_PARAM;
				if (++s == end)
					break;
				d = (uint8_t)(*s - '0');
			} while (d < 10);
			v = (int32_t)acc;
			continue;
		}
		if (d >= 12)
			break;
		/* ':' or ';' */
		if (!p->overflow)
			p->params[n - 1] = v;
		s++;
		if (n == VT_MAX_PARAMS) {
			p->overflow = 1;
			continue;
		}
		if (d == ':' - '0')
			p->colon |= 1u << n;
		n++;
		v = -1;
	}
	if (!p->overflow)
		p->params[n - 1] = v;
	p->nparams = (uint8_t)n;
	return s;
}

static void
vt_parser_put(struct vt_parser *p, uint8_t b)
{
	if (p->strdiscard)
		return;
	if (p->strlen + 1 >= p->strcap) {
		if (p->strcap >= VT_MAX_STRING) {
			p->strdiscard = 1;
			return;
		}
		p->strcap = p->strcap ? p->strcap * 2 : 256;
		p->str = vt_xrealloc(p->str, p->strcap, 1);
	}
	p->str[p->strlen++] = (char)b;
}

static void
vt_parser_enter(struct vt *vt, uint8_t state)
{
	struct vt_parser *p = &vt->parser;

	switch (state) {
	case VT_STATE_ESCAPE:
	case VT_STATE_CSI_ENTRY:
	case VT_STATE_DCS_ENTRY:
		vt_parser_clear(p);
		break;
	case VT_STATE_OSC_STRING:
	case VT_STATE_TITLE_STRING:
	case VT_STATE_DCS_PASSTHROUGH:
		p->strlen = 0;
		p->strdiscard = 0;
		p->strbel = 0;
		break;
	}
	p->state = state;
}

/* Leaving a string state dispatches the string (ST, BEL, or any ESC). */
static void
vt_parser_leave(struct vt *vt, uint8_t state, int cancel)
{
	struct vt_parser *p = &vt->parser;

	switch (state) {
	case VT_STATE_OSC_STRING:
	case VT_STATE_TITLE_STRING:
	case VT_STATE_DCS_PASSTHROUGH:
		if (cancel || p->strdiscard || p->str == NULL)
			break;
		p->str[p->strlen] = '\0';
		if (state == VT_STATE_OSC_STRING)
			vt_string_osc(vt);
		else if (state == VT_STATE_TITLE_STRING)
			vt_string_title(vt);
		else
			vt_string_dcs(vt);
		break;
	}
}

/* A C1 control decoded from UTF-8: the same as ESC followed by the byte
   0x40 less (ECMA-48 5.3). */
static void vt_parser_byte(struct vt *vt, uint8_t b);
static void
vt_parser_c1(struct vt *vt, uint32_t c)
{
	vt_parser_enter(vt, VT_STATE_ESCAPE);
	vt_parser_byte(vt, (uint8_t)(c - 0x40));
}

static void
vt_parser_byte(struct vt *vt, uint8_t b)
{
	struct vt_parser *p = &vt->parser;
	const struct vt_parser_transition *t;
	uint8_t state = p->state, next, action;

	if (b >= 0x80) {
		/* Only strings take high bytes (UTF-8 text in titles). */
		if (state == VT_STATE_OSC_STRING ||
		    state == VT_STATE_TITLE_STRING ||
		    state == VT_STATE_DCS_PASSTHROUGH)
			vt_parser_put(p, b);
		return;
	}
	for (t = vt_parser_anywhere; t->last != 0; t++) {
		if (b >= t->first && b <= t->last)
			goto found;
	}
	for (t = vt_parser_tables[state]; t->last != 0; t++) {
		if (b >= t->first && b <= t->last)
			goto found;
	}
	return; /* ignored */
found:
	action = t->action;
	next = t->next == VT_SAME ? state : t->next;
	if (next != state) {
		p->strbel = b == 0x07;
		vt_parser_leave(vt, state, action == VT_ACT_CANCEL);
	}
	switch (action) {
	case VT_ACT_EXECUTE:
		vt_esc_execute(vt, b);
		break;
	case VT_ACT_CANCEL:
		break;
	case VT_ACT_PRINT:
		vt_screen_print_ascii(vt, &b, 1);
		break;
	case VT_ACT_COLLECT:
		if (p->ninters < VT_MAX_INTERS)
			p->inters[p->ninters] = b;
		if (p->ninters < 255)
			p->ninters++;
		break;
	case VT_ACT_MARKER:
		p->marker = b;
		break;
	case VT_ACT_PARAM:
		vt_parser_param(p, b);
		break;
	case VT_ACT_ESC:
		p->state = next; /* a dispatch may start a new sequence */
		vt_esc_dispatch(vt, b);
		return;
	case VT_ACT_CSI:
		p->state = next;
		vt_csi_dispatch(vt, b);
		return;
	case VT_ACT_HOOK:
		p->dcs_final = b;
		break;
	case VT_ACT_PUT:
		vt_parser_put(p, b);
		break;
	}
	if (next != state)
		vt_parser_enter(vt, next);
}

/* A code point from the UTF-8 decoder in the ground state. */
static void
vt_parser_codepoint(struct vt *vt, uint32_t cp)
{
	if (cp < 0x80)
		vt_parser_byte(vt, (uint8_t)cp);
	else if (cp < 0xa0)
		vt_parser_c1(vt, cp);
	else
		vt_screen_print(vt, cp);
}

/*
 * Decode up to 64 complete, well-formed 2- and 3-byte characters at s
 * into run[], with the printable ASCII between them, stopping before
 * anything else (a control, a C1 control, a 4-byte or ill-formed or cut
 * sequence). The checks on cp are the ranges of
 * Unicode's table 3-7. Returns the first byte not decoded.
 */
static const uint8_t *
vt_parser_utf8_run(
    const uint8_t *s, const uint8_t *end, uint32_t *run, unsigned *nrun)
{
	unsigned n = 0, len;
	uint32_t cp;

	while (n < 64 && s < end) {
		len = vt_utf8_fast(s, end, &cp);
		/* Printable ASCII only inside mixed text. */
		if (len == 0 || (len == 1 && n == 0))
			break;
		s += len;
		run[n++] = cp;
	}
	*nrun = n;
	return s;
}

void
vt_parser_feed(struct vt *vt, const uint8_t *buf, size_t len)
{
	struct vt_parser *p = &vt->parser;
	const uint8_t *end = buf + len;
	uint32_t cps[2], run[64];
	const uint8_t *q;
	unsigned n, i, nrun;

	while (buf < end) {
		if (p->state != VT_STATE_GROUND) {
			/* Fast path: CSI parameters (digits, ':' and ';'). */
			if (p->state == VT_STATE_CSI_PARAM ||
			    p->state == VT_STATE_CSI_ENTRY) {
				if ((uint8_t)(*buf - '0') < 12) {
					p->state = VT_STATE_CSI_PARAM;
					buf = vt_parser_params(p, buf, end);
					continue;
				}
				if (*buf >= 0x40 && *buf <= 0x7e) {
					/* The final byte: dispatch, as the
					   table would. */
					p->state = VT_STATE_GROUND;
					vt_csi_dispatch(vt, *buf++);
					continue;
				}
			} else if (p->state == VT_STATE_ESCAPE && *buf == '[') {
				vt_parser_enter(vt, VT_STATE_CSI_ENTRY);
				buf++;
				continue;
			}
			vt_parser_byte(vt, *buf++);
			continue;
		}
		if (p->utf8.need == 0) {
			/* Fast path: a run of printable ASCII. */
			if (*buf >= 0x20 && *buf < 0x7f) {
				buf += vt_screen_print_ascii(
				    vt, buf, (size_t)(end - buf));
				continue;
			}
			if (*buf == 0x1b) {
				/* Fast path: ESC [ with its parameters and
				   final byte in this buffer, the same as the
				   transitions through ESCAPE, CSI_ENTRY and
				   CSI_PARAM. Anything else goes on from the
				   state reached. */
				vt_parser_clear(p);
				if (end - buf < 3 || buf[1] != '[') {
					p->state = VT_STATE_ESCAPE;
					buf++;
					continue;
				}
				buf += 2;
				/* SGR of the usual shape, done from the
				   bytes; a glance at the final byte first,
				   so that other sequences (cursor moves,
				   erases) are not read twice. */
				for (q = buf; q < end &&
				     ((uint8_t)(*q - '0') < 10 || *q == ';');
				     q++)
					;
				if (q < end && *q == 'm' &&
				    (q = vt_sgr_bytes(vt, buf, end)) != NULL) {
					buf = q;
					continue;
				}
				if ((uint8_t)(*buf - '0') < 12)
					buf = vt_parser_params(p, buf, end);
				else if (!(*buf >= 0x40 && *buf <= 0x7e)) {
					p->state = VT_STATE_CSI_ENTRY;
					continue;
				}
				if (buf < end && *buf == 'm') {
					/* No marker, no intermediate: SGR,
					   by far the most frequent. */
					buf++;
					vt_sgr(vt);
					continue;
				}
				if (buf < end && *buf >= 0x40 && *buf <= 0x7e) {
					vt_csi_dispatch(vt, *buf++);
					continue;
				}
				p->state = VT_STATE_CSI_PARAM;
				continue;
			}
			if (*buf < 0x20 && *buf != 0x18 && *buf != 0x1a) {
				/* A C0 control (CR, LF, ...) executes in the
				   ground state, as the table says. */
				vt_esc_execute(vt, *buf++);
				continue;
			}
			if (*buf < 0x80) {
				vt_parser_byte(vt, *buf++);
				continue;
			}
			/* Fast path: a run of complete, well-formed 2- and
			   3-byte characters, decoded into a batch for the
			   screen. Anything else goes byte by byte. */
			q = vt_screen_print_utf8(vt, buf, end);
			if (q != buf) {
				buf = q; /* decoded and printed in one pass */
				continue;
			}
			q = vt_parser_utf8_run(buf, end, run, &nrun);
			if (nrun > 0) {
				buf = q;
				vt_screen_print_run(vt, run, nrun);
				continue;
			}
		}
		n = vt_utf8_feed(&p->utf8, *buf++, cps);
		for (i = 0; i < n; i++)
			vt_parser_codepoint(vt, cps[i]);
	}
}
