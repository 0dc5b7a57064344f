#ifndef SEALSTATION_CHARFBUZZ_SHIM_H
#define SEALSTATION_CHARFBUZZ_SHIM_H

#include <hb.h>
#include <hb-ot.h>
#include <hb-subset.h>

/// The OpenType name IDs SealFonts reads (hb_ot_name_id_predefined_t is an enum whose cases Swift imports as a
/// separate type from the hb_ot_name_id_t the functions take).
static inline hb_ot_name_id_t CHarfBuzz_NAME_ID_FONT_FAMILY(void) { return HB_OT_NAME_ID_FONT_FAMILY; }
static inline hb_ot_name_id_t CHarfBuzz_NAME_ID_TYPOGRAPHIC_FAMILY(void) { return HB_OT_NAME_ID_TYPOGRAPHIC_FAMILY; }

#endif
