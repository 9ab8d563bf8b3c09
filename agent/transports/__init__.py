"""The transports that carry a session: WebSocket, WebRTC, Twilio phone streams."""
