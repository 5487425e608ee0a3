"""The edge where a PDF becomes paper, through Qt's print system (QtPdf renders, QPrinter prints).

Safe to call from a worker thread: painting on a QPrinter is allowed outside the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo


class PrinterError(RuntimeError):
    """The notice did not reach paper; ``reason`` is a short English code, the text is for logs."""


def printer_names() -> list[str]:
    return [str(n) for n in QPrinterInfo.availablePrinterNames()]


def default_printer_name() -> str:
    info = QPrinterInfo.defaultPrinter()
    return "" if info.isNull() else str(info.printerName())


FILE_PRINTER = "file:"


def print_pdf(pdf: bytes, printer_name: str = "", job_name: str = "notice", dpi: int = 300) -> str:
    """Send every page of *pdf* to *printer_name* (empty: the system default). Returns the printer used.

    ``file:PATH`` is Qt's own print-to-file printer: the same pipeline, paper replaced by a PDF
    (for IT's checks and for tests).
    """
    name = printer_name or default_printer_name()
    if not name:
        raise PrinterError("no printer is installed")
    to_file = name.startswith(FILE_PRINTER)
    if not to_file and name not in printer_names():
        raise PrinterError(f"printer {name!r} is not installed")
    data = QByteArray(pdf)
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    doc = QPdfDocument()
    doc.load(buffer)
    if doc.status() != QPdfDocument.Status.Ready or doc.pageCount() == 0:
        raise PrinterError(f"the notice could not be read back for printing: {doc.error()}")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if to_file:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(name[len(FILE_PRINTER) :])
    else:
        printer.setPrinterName(name)
    if not printer.isValid():
        raise PrinterError(f"printer {name!r} cannot be used")
    printer.setDocName(job_name)
    printer.setFullPage(True)
    first = doc.pagePointSize(0)
    printer.setPageLayout(
        QPageLayout(
            QPageSize(first, QPageSize.Unit.Point),
            QPageLayout.Orientation.Portrait,
            printer.pageLayout().margins(),
        )
    )
    painter = QPainter()
    if not painter.begin(printer):
        raise PrinterError(f"printer {name!r} refused the job")
    try:
        for index in range(doc.pageCount()):
            if index:
                printer.newPage()
            size = doc.pagePointSize(index)
            pixels = QSize(int(size.width() / 72 * dpi), int(size.height() / 72 * dpi))
            image = doc.render(index, pixels)
            target = painter.viewport()
            painter.drawImage(QRect(0, 0, target.width(), target.height()), image)
    finally:
        painter.end()
    return name
