// One Go receiver for tests/redis-cross/driver.py: verify every delivery ROUNDS times against the
// shared Redis, then print the counts as one JSON line.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand"
	"net/http"
	"os"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	hookseal "github.com/hookseal/hookseal/go"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run() error {
	raw, err := os.ReadFile(os.Args[1])
	if err != nil {
		return err
	}
	var spec struct {
		Secret     string `json:"secret"`
		Redis      string `json:"redis"`
		Rounds     int    `json:"rounds"`
		Deliveries []struct {
			Body    string            `json:"body"`
			Headers map[string]string `json:"headers"`
		} `json:"deliveries"`
	}
	if err := json.Unmarshal(raw, &spec); err != nil {
		return err
	}
	opt, err := redis.ParseURL(spec.Redis)
	if err != nil {
		return err
	}
	wh, err := hookseal.NewWebhook(spec.Secret, hookseal.WithKeyMode(hookseal.KeyModeImageKit),
		hookseal.WithReplayGuard(hookseal.NewRedisReplayGuard(redis.NewClient(opt))))
	if err != nil {
		return err
	}
	seed, _ := strconv.ParseInt(os.Args[3], 10, 64)
	rng := rand.New(rand.NewSource(seed))
	var order []int
	for r := 0; r < spec.Rounds; r++ {
		for i := range spec.Deliveries {
			order = append(order, i)
		}
	}
	rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	for {
		if _, err := os.Stat(os.Args[2]); err == nil {
			break
		}
		time.Sleep(time.Millisecond)
	}
	counts := struct {
		Lang     string         `json:"lang"`
		Accepted int            `json:"accepted"`
		Replayed int            `json:"replayed"`
		Other    map[string]int `json:"other"`
	}{Lang: "go", Other: map[string]int{}}
	for _, i := range order {
		d := spec.Deliveries[i]
		h := http.Header{}
		for k, v := range d.Headers {
			h.Set(k, v)
		}
		_, err := wh.Verify([]byte(d.Body), h)
		var he *hookseal.Error
		switch {
		case err == nil:
			counts.Accepted++
		case errors.Is(err, hookseal.ErrReplayed):
			counts.Replayed++
		case errors.As(err, &he):
			counts.Other[he.Code]++
		default:
			return err
		}
	}
	out, _ := json.Marshal(counts)
	fmt.Println(string(out))
	return nil
}
