//! A server that answers every connection with the same bytes, verbatim.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio::sync::watch;

use crate::graph::lock;

/// An HTTP/1.1 server on `127.0.0.1` that reads each request's head (up to the blank line)
/// and answers with `response` exactly as given, then closes the connection: for answers no
/// well-behaved HTTP stack would produce. It stops when dropped.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use graphpatch_simulator::RawServer;
/// let server = RawServer::start("HTTP/1.1 418 I'm a teapot\r\ncontent-length: 0\r\n\r\n").await?;
/// let answer = reqwest::get(server.base_url()).await?;
/// assert_eq!(answer.status().as_u16(), 418);
/// assert!(server.requests()[0].starts_with(b"GET / HTTP/1.1\r\n"));
/// # Ok(()) }
/// ```
pub struct RawServer {
    addr: SocketAddr,
    received: Arc<Mutex<Vec<Bytes>>>,
    shutdown: watch::Sender<bool>,
}

impl std::fmt::Debug for RawServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RawServer")
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

impl RawServer {
    /// Binds a free port and answers every connection with `response`, on the current tokio
    /// runtime.
    pub async fn start(response: impl Into<Bytes>) -> std::io::Result<RawServer> {
        let response = response.into();
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let addr = listener.local_addr()?;
        let received = Arc::new(Mutex::new(Vec::new()));
        let (shutdown, mut shutdown_rx) = watch::channel(false);
        let log = Arc::clone(&received);
        tokio::spawn(async move {
            loop {
                tokio::select! {
                    accepted = listener.accept() => {
                        let Ok((stream, _)) = accepted else { continue };
                        tokio::spawn(answer(stream, response.clone(), Arc::clone(&log)));
                    }
                    _ = shutdown_rx.changed() => break,
                }
            }
        });
        Ok(RawServer {
            addr,
            received,
            shutdown,
        })
    }

    /// `http://127.0.0.1:<port>`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// What each connection sent before it was answered (the request head, and whatever part
    /// of the body came with it), oldest first.
    pub fn requests(&self) -> Vec<Bytes> {
        lock(&self.received).clone()
    }
}

impl Drop for RawServer {
    fn drop(&mut self) {
        let _ = self.shutdown.send(true);
    }
}

async fn answer(mut stream: tokio::net::TcpStream, response: Bytes, log: Arc<Mutex<Vec<Bytes>>>) {
    let mut request = Vec::new();
    let mut buf = [0u8; 4096];
    while !request.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut buf).await {
            Ok(0) | Err(_) => return,
            Ok(n) => request.extend_from_slice(&buf[..n]),
        }
    }
    lock(&log).push(Bytes::from(request));
    let _ = stream.write_all(&response).await;
    let _ = stream.shutdown().await;
}
