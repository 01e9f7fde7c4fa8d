package dev.hookseal

import com.sun.jna.Library
import com.sun.jna.Native
import java.net.InetAddress
import java.net.ServerSocket
import java.net.Socket
import java.util.concurrent.CountDownLatch
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicInteger
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

/**
 * A real `redis-server` on a free loopback port, started by the test and stopped afterwards.
 * `make test-kotlin` installs redis-server when missing (mk/redis.mk's deps-redis).
 */
class RedisServer private constructor(val port: Int, private val process: Process) : AutoCloseable {
    val url get() = "redis://127.0.0.1:$port/"

    /** Freeze (SIGSTOP) or thaw (SIGCONT): a frozen Redis accepts connections but never answers. */
    fun signal(name: String) {
        assertEquals(0, ProcessBuilder("kill", "-$name", process.pid().toString()).start().waitFor())
    }

    override fun close() {
        if (!process.isAlive) return
        signal("CONT")
        process.destroy()
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor()
    }

    companion object {
        fun start(): RedisServer {
            val port = ServerSocket(0, 0, InetAddress.getLoopbackAddress()).use { it.localPort }
            val process = ProcessBuilder(
                "redis-server", "--port", "$port", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
            ).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT).start()
            val deadline = System.nanoTime() + 10_000_000_000
            while (true) {
                try {
                    Socket("127.0.0.1", port).close()
                    return RedisServer(port, process)
                } catch (e: java.io.IOException) {
                    check(process.isAlive && System.nanoTime() < deadline) { "redis-server did not start on port $port" }
                    Thread.sleep(20)
                }
            }
        }
    }
}

/** The C library's environment, which the Rust core reads (the JVM's `System.getenv` is a copy). */
private interface LibC : Library {
    fun setenv(name: String, value: String, overwrite: Int): Int
    fun unsetenv(name: String): Int
}

class RedisGuardTest {
    private val secret = "whsec_xeO2UNkfKMQnfJf7Q/Qx+fYptL1wabXd"
    private val body = """{"id":"id","type":"file.deleted","created_at":"2019-12-27T18:11:19.117Z","data":{"fileId":"abc"}}""".encodeToByteArray()
    private val signer = WebhookSigner(secret, KeyMode.IMAGEKIT)
    private val redis = RedisServer.start()

    @AfterEach
    fun stopRedis() = redis.close()

    /** Headers signed now, so the real clock verifies them (the tests use short tolerances). */
    private fun signed(id: String, by: WebhookSigner = signer) = by.headers(id, System.currentTimeMillis() / 1000, body)

    private fun webhooks(guard: ReplayGuard, tolerance: Long = 300) =
        ImageKitWebhooks.withOptions(listOf(secret), WebhookOptions(toleranceSeconds = tolerance, replayGuard = guard))

    @Test
    fun theSameDeliveryTwiceIsAcceptedOnceAcrossReceivers() {
        // Two receivers with their own guard objects, as two processes would have, sharing one Redis.
        val a = webhooks(ReplayGuard.redis(redis.url, prefix = "t1:"))
        val b = webhooks(ReplayGuard.redis(redis.url, prefix = "t1:"))
        val headers = signed("msg_twice")
        assertEquals(ReplayStatus.RECORDED, a.verify(body, headers).replay)
        val e = assertThrows<WebhookException.Replayed> { b.unwrap(body, headers) }
        assertEquals("replayed", e.code)
        assertThrows<WebhookException.Replayed> { a.verify(body, headers) }
        // Another prefix is another application: it keeps its own ids.
        val other = webhooks(ReplayGuard.redis(redis.url, prefix = "t2:"))
        assertEquals(ReplayStatus.RECORDED, other.unwrapHeaders(body, headers.map { HeaderPair(it.key, it.value) }).verification.replay)
        // Redis does not count its ids; in-memory guards do.
        val guard = ReplayGuard.redis(redis.url)
        assertNull(guard.size())
        assertNull(guard.capacity())
        assertEquals(0L, InMemoryReplayGuard().size())
    }

    @Test
    fun aForgedDeliveryNeverRecordsItsId() {
        val webhooks = webhooks(ReplayGuard.redis(redis.url, prefix = "f:"))
        val forged = signed("msg_forged", WebhookSigner("whsec_forger", KeyMode.IMAGEKIT))
        assertThrows<WebhookException.InvalidSignature> { webhooks.verify(body, forged) }
        assertEquals(ReplayStatus.RECORDED, webhooks.verify(body, signed("msg_forged")).replay)
    }

    @Test
    fun idsExpireAfterTheTtl() {
        // Tolerance 1 s: ids are remembered for twice that plus a second, 3 s (Redis expires them).
        val webhooks = webhooks(ReplayGuard.redis(redis.url, prefix = "e:"), tolerance = 1)
        assertEquals(ReplayStatus.RECORDED, webhooks.verify(body, signed("msg_ttl")).replay)
        assertThrows<WebhookException.Replayed> { webhooks.verify(body, signed("msg_ttl")) }
        Thread.sleep(3_100)
        assertEquals(ReplayStatus.RECORDED, webhooks.verify(body, signed("msg_ttl")).replay)
    }

    @Test
    fun redisStoppedMidRunFailsClosedOrOpenWithinTheTimeout() {
        val closed = webhooks(ReplayGuard.redis(redis.url, prefix = "s:", timeoutMs = 300))
        val open = webhooks(ReplayGuard.redis(redis.url, prefix = "s:", timeoutMs = 300, failureMode = FailureMode.FAIL_OPEN))
        assertEquals(ReplayStatus.RECORDED, closed.verify(body, signed("msg_1")).replay)
        assertEquals(ReplayStatus.RECORDED, open.verify(body, signed("msg_2")).replay)

        // Frozen: connections open but nothing answers, so only the timeout ends each call.
        redis.signal("STOP")
        var start = System.nanoTime()
        val frozen = assertThrows<WebhookException.ReplayGuardUnavailable> { closed.verify(body, signed("msg_3")) }
        assertEquals("replay_guard_unavailable", frozen.code)
        assertEquals(ReplayStatus.UNAVAILABLE, open.verify(body, signed("msg_4")).replay)
        // A hang check, not a benchmark: each call is bounded by the 300 ms timeout.
        assertTrue(System.nanoTime() - start < 5_000_000_000, "took ${(System.nanoTime() - start) / 1_000_000} ms")

        // Stopped: connections refused.
        redis.close()
        start = System.nanoTime()
        assertThrows<WebhookException.ReplayGuardUnavailable> { closed.unwrap(body, signed("msg_5")) }
        val accepted = open.unwrapHeaders(body, signed("msg_6").map { HeaderPair(it.key, it.value) })
        assertEquals("file.deleted", accepted.event.eventType)
        assertEquals(ReplayStatus.UNAVAILABLE, accepted.verification.replay)
        assertTrue(System.nanoTime() - start < 5_000_000_000, "took ${(System.nanoTime() - start) / 1_000_000} ms")
        // A forgery is still refused as a forgery, not as a guard failure.
        assertThrows<WebhookException.InvalidSignature> {
            closed.verify(body, signed("msg_7", WebhookSigner("whsec_forger", KeyMode.IMAGEKIT)))
        }
    }

    @Test
    fun eightThreadsDeliveringTheSameMessagesFiveTimesEachAcceptEachOnce() {
        val messages = (0 until 200).map { signed("msg_c$it") }
        val accepted = AtomicInteger()
        val replayed = AtomicInteger()
        val go = CountDownLatch(1)
        val pool = Executors.newFixedThreadPool(8)
        try {
            val results = (0 until 8).map { t ->
                // Each thread is its own receiver (own verifier, own guard and connections).
                val webhooks = webhooks(ReplayGuard.redis(redis.url, prefix = "c:"))
                pool.submit {
                    go.await()
                    for (round in 0 until 5) {
                        for (i in 0 until 200) {
                            val headers = messages[(i + 37 * (t + round)) % 200]
                            try {
                                webhooks.verify(body, headers)
                                accepted.incrementAndGet()
                            } catch (e: WebhookException.Replayed) {
                                replayed.incrementAndGet()
                            }
                        }
                    }
                }
            }
            go.countDown()
            results.forEach { it.get(60, TimeUnit.SECONDS) }
        } finally {
            pool.shutdownNow()
        }
        assertEquals(200, accepted.get())
        assertEquals(8 * 5 * 200 - 200, replayed.get())
    }

    @Test
    fun theImageKitEntryPointReadsHooksealReplayGuard() {
        val libc = Native.load("c", LibC::class.java)
        assertEquals("HOOKSEAL_REPLAY_GUARD", replayGuardEnv())
        try {
            libc.setenv("HOOKSEAL_REPLAY_GUARD", "${redis.url}#fail-open", 1)
            val a = ImageKitWebhooks(webhookSecret = secret)
            val b = ImageKitWebhooks.withOptions(listOf(secret), WebhookOptions())
            val headers = signed("msg_env")
            assertEquals(ReplayStatus.RECORDED, a.verify(body, headers).replay)
            assertThrows<WebhookException.Replayed> { b.verify(body, headers) }
            // A guard in code wins over the variable; the Standard Webhooks class never reads it.
            val inCode = webhooks(InMemoryReplayGuard())
            assertEquals(ReplayStatus.RECORDED, inCode.verify(body, headers).replay)
            val std = Webhook.withOptions(listOf(secret), WebhookOptions(keyMode = KeyMode.IMAGEKIT))
            assertEquals(ReplayStatus.NOT_CHECKED, std.verify(body, headers).replay)
            // `#fail-open`: accepted without a check while Redis is down.
            redis.close()
            assertEquals(ReplayStatus.UNAVAILABLE, a.verify(body, signed("msg_env2")).replay)

            libc.setenv("HOOKSEAL_REPLAY_GUARD", "off", 1)
            assertEquals(ReplayStatus.NOT_CHECKED, ImageKitWebhooks(webhookSecret = secret).verify(body, headers).replay)
            libc.setenv("HOOKSEAL_REPLAY_GUARD", "memcached://nope", 1)
            val e = assertThrows<WebhookException.ReplayGuardUnavailable> { ImageKitWebhooks(webhookSecret = secret) }
            assertTrue(e.message!!.contains("redis://"), e.message)
        } finally {
            libc.unsetenv("HOOKSEAL_REPLAY_GUARD")
        }
        assertEquals(ReplayStatus.NOT_CHECKED, ImageKitWebhooks(webhookSecret = secret).verify(body, signed("msg_env3")).replay)
    }

    @Test
    fun settingsAndUrlsAreCheckedAndPasswordsNeverShow() {
        assertNull(replayGuardFromSpec("off"))
        val fromSpec = webhooks(replayGuardFromSpec("memory:50")!!)
        assertEquals(ReplayStatus.RECORDED, fromSpec.verify(body, signed("msg_spec")).replay)
        assertThrows<WebhookException.Replayed> { fromSpec.verify(body, signed("msg_spec")) }
        assertTrue(replayGuardFromSpec("redis://127.0.0.1:1/#fail-open").toString().contains("FailOpen"))
        assertThrows<WebhookException.ReplayGuardUnavailable> { replayGuardFromSpec("on") }
        assertThrows<WebhookException.ReplayGuardUnavailable> { ReplayGuard.redis("not a url") }
        val guard = ReplayGuard.redis("redis://:s3cret-pw@127.0.0.1:${redis.port}/", prefix = "p:")
        assertFalse(guard.toString().contains("s3cret-pw"), guard.toString())
        assertTrue(guard.toString().contains("127.0.0.1:${redis.port}"), guard.toString())
        // This Redis has no password, so AUTH fails: the guard fails closed, and the message has no password.
        val e = assertThrows<WebhookException.ReplayGuardUnavailable> { webhooks(guard).verify(body, signed("msg_pw")) }
        assertFalse(e.message!!.contains("s3cret-pw"), e.message)
    }
}
