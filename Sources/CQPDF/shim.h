// libqpdf C API (qpdf 11): reading PDFs, their objects and streams.
#include <qpdf/qpdf-c.h>
