package example

import dev.hookseal.KeyMode
import dev.hookseal.WebhookEvent
import dev.hookseal.WebhookSigner
import dev.hookseal.sampleBody
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.time.Duration

/** The receiver over real HTTP on loopback, signed the way ImageKit signs. */
class ReceiverTest {
    private val secret = "whsec_xeO2UNkfKMQnfJf7Q/Qx+fYptL1wabXd"
    private val received = mutableListOf<WebhookEvent>()
    private val server = Receiver(secret) { synchronized(received) { received += it } }.start(port = 0)
    private val url = URI("http://127.0.0.1:${server.address.port}/webhooks")
    private val client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
    private val signer = WebhookSigner(secret, KeyMode.IMAGEKIT)

    @AfterEach
    fun stop() = server.stop(0)

    private fun post(body: String, headers: Map<String, String>): HttpResponse<String> {
        val req = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.ofString(body))
        headers.forEach { (k, v) -> req.header(k, v) }
        return client.send(req.build(), HttpResponse.BodyHandlers.ofString())
    }

    @Test
    fun aSignedDeliveryIsAcceptedAndTyped() {
        val body = sampleBody("video.transformation.ready")!!
        val res = post(body, signer.testHeaders(body.encodeToByteArray()))
        assertEquals(200, res.statusCode(), res.body())
        assertEquals("""{"received":"video.transformation.ready"}""", res.body())
        assertEquals(listOf("video.transformation.ready"), received.map { it.eventType })
    }

    @Test
    fun forgedStaleAndUnsignedDeliveriesAreRejectedWithTheirCode() {
        val body = sampleBody("file.deleted")!!
        val forged = WebhookSigner("whsec_attacker", KeyMode.IMAGEKIT).testHeaders(body.encodeToByteArray())
        assertEquals(400 to """{"error":"invalid_signature"}""", post(body, forged).let { it.statusCode() to it.body() })
        val stale = signer.headers("msg_stale", System.currentTimeMillis() / 1000 - 3600, body.encodeToByteArray())
        assertEquals("""{"error":"timestamp_too_old"}""", post(body, stale).body())
        assertEquals("""{"error":"missing_header"}""", post(body, emptyMap()).body())
        // A tampered body does not verify against the original signature.
        val headers = signer.testHeaders(body.encodeToByteArray())
        assertEquals("""{"error":"invalid_signature"}""", post(body.replace("6540", "6541"), headers).body())
        assertEquals(emptyList<WebhookEvent>(), received)
    }

    @Test
    fun aReplayedDeliveryIsRejected() {
        val body = sampleBody("file.created")!!
        val headers = signer.testHeaders(body.encodeToByteArray())
        assertEquals(200, post(body, headers).statusCode())
        val again = post(body, headers)
        assertEquals(400 to """{"error":"replayed"}""", again.statusCode() to again.body())
        assertEquals(1, received.size)
    }

    @Test
    fun onlyPostIsAllowed() {
        val res = client.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofString())
        assertEquals(405, res.statusCode())
    }
}
