"""Counter client for government service hall windows (政务服务中心窗口客户端)."""

__version__ = "0.1.0"
