#ifndef SEALSTATION_CCAIRO_SHIM_H
#define SEALSTATION_CCAIRO_SHIM_H

#include <cairo.h>
#include <cairo-svg.h>
#include <cairo-pdf.h>
#include <cairo-ft.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_OUTLINE_H

/// FT_LOAD_* are (1L << n) macros; these give Swift the flags it needs as plain ints.
static inline int CCairo_FT_LOAD_NO_BITMAP(void) { return FT_LOAD_NO_BITMAP; }
static inline int CCairo_FT_LOAD_NO_SCALE(void) { return FT_LOAD_NO_SCALE; }

#endif
