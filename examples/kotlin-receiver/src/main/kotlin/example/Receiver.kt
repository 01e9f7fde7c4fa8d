package example

import com.sun.net.httpserver.HttpExchange
import com.sun.net.httpserver.HttpServer
import dev.hookseal.EventPayload
import dev.hookseal.ImageKitWebhooks
import dev.hookseal.InMemoryReplayGuard
import dev.hookseal.WebhookEvent
import dev.hookseal.WebhookException
import dev.hookseal.WebhookOptions
import dev.hookseal.code
import dev.hookseal.headerPairsOf
import java.net.InetSocketAddress

/**
 * An ImageKit webhook receiver on the JDK's built-in HttpServer: POST /webhooks verifies the raw
 * body, rejects replays, and hands each event to [onEvent].
 */
class Receiver(
    secret: String,
    private val onEvent: (WebhookEvent) -> Unit = ::describe,
) {
    // Built once and shared by every request: the key is prepared and the guard remembers ids.
    private val webhooks = ImageKitWebhooks.withOptions(
        listOf(secret),
        WebhookOptions(replayGuard = InMemoryReplayGuard()),
    )

    fun start(host: String = "127.0.0.1", port: Int = 8080): HttpServer {
        val server = HttpServer.create(InetSocketAddress(host, port), 0)
        server.createContext("/webhooks") { exchange -> exchange.use { handle(it) } }
        server.start()
        return server
    }

    private fun handle(exchange: HttpExchange) {
        if (exchange.requestMethod != "POST") {
            exchange.responseHeaders.add("Allow", "POST")
            return reply(exchange, 405, """{"error":"method_not_allowed"}""")
        }
        // The raw bytes as received: re-serialized JSON would not verify.
        val body = exchange.requestBody.readBytes()
        val event = try {
            webhooks.unwrapHeaders(body, headerPairsOf(exchange.requestHeaders)).event
        } catch (e: WebhookException) {
            val status = when (e) {
                is WebhookException.PayloadTooLarge -> 413
                is WebhookException.ReplayGuardUnavailable -> 503 // the sender retries later
                else -> 400
            }
            return reply(exchange, status, """{"error":"${e.code}"}""")
        }
        onEvent(event)
        reply(exchange, 200, """{"received":"${event.eventType}"}""")
    }

    private fun reply(exchange: HttpExchange, status: Int, json: String) {
        val bytes = json.encodeToByteArray()
        exchange.responseHeaders.add("Content-Type", "application/json")
        exchange.sendResponseHeaders(status, bytes.size.toLong())
        exchange.responseBody.write(bytes)
    }
}

/** What a real receiver would do: branch on the typed payload. */
fun describe(event: WebhookEvent) {
    val what = when (val p = event.payload) {
        is EventPayload.VideoTransformationReady -> "video ready at ${p.data.transformation.output?.url}"
        is EventPayload.VideoTransformationError -> "video failed: ${p.data.transformation.error?.reason}"
        is EventPayload.FileCreated -> "file created: ${p.data.filePath}"
        is EventPayload.FileDeleted -> "file deleted: ${p.data.fileId}"
        is EventPayload.Unknown -> "unknown event ${event.eventType}: ${event.raw}"
        else -> event.eventType
    }
    println("webhook ${event.id}: $what")
}

fun main() {
    val secret = System.getenv("IMAGEKIT_WEBHOOK_SECRET")
        ?: error("set IMAGEKIT_WEBHOOK_SECRET to your ImageKit webhook secret (whsec_...)")
    val port = System.getenv("PORT")?.toInt() ?: 8080
    Receiver(secret).start(port = port)
    println("listening on http://127.0.0.1:$port/webhooks")
}
