// poppler-glib (poppler 22): finding text on PDF pages, for placing a seal on a keyword.
#include <poppler.h>
