package container

import (
	"context"
	"os"
	"os/exec"
)

func run(ctx context.Context, image string, extra []string) {
	exec.Command("docker", "run", "-d", "-p", "11211:11211", "memcached:1.6")                       // want `docker run publishes cache port 11211 on every host interface \(-p "11211:11211"\): memcached has no authentication by default, so anyone who reaches the host's port can read and dump every key \(stats cachedump, lru_crawler metadump\); publish it on loopback \(-p "127.0.0.1:11211:11211"\) or reach the cache over a container network`
	exec.CommandContext(ctx, "podman", "run", "--rm", "--publish=0.0.0.0:11211:11211", "memcached") // want `podman run publishes cache port 11211 on every host interface \(-p "0.0.0.0:11211:11211"\)`
	exec.Command("/usr/bin/docker", "container", "run", "-dp", "11211:11211", image)                // want `docker run publishes cache port 11211 on every host interface`
	exec.Command("nerdctl", "run", "-p", "198.51.100.4:11211:11211", "memcached")                   // want `nerdctl run publishes cache port 11211 on a public address`
	exec.Command("docker", "run", "-p", "11211:11211/udp", "memcached")                             // want `docker run publishes cache port 11211/udp on every host interface .*: memcached's UDP protocol answers a spoofed`
	exec.Command("docker", "run", "-itP", "memcached:alpine")                                       // want `docker run -P publishes every port of image "memcached:alpine", memcached's 11211 included, on every host interface`
	exec.Command("docker", "run", "--network", "host", "memcached")                                 // want `docker run --network host shares the host's interfaces: memcached started without -l listens on every interface`
	exec.Command("docker", "run", "--net=host", "memcached", "-l", "0.0.0.0")                       // want `docker run --network host shares the host's interfaces: memcached -l "0.0.0.0" listens on every interface`

	args := []string{"run", "--name", "cache", "-p", "11211:11211", "memcached"}
	exec.Command("docker", args...) // want `docker run publishes cache port 11211 on every host interface`

	publish := "127.0.0.1:11211:11211"
	if os.Getenv("CACHE_PUBLIC") != "" {
		publish = "11211:11211"
	}
	exec.Command("docker", "run", "-p", publish, "memcached") // want `docker run publishes cache port 11211 on every host interface \(-p "11211:11211"\): .* \(with the arguments when os.Getenv\("CACHE_PUBLIC"\) != ""\)`

	// Loopback and private addresses, other ports, -P and the host network
	// of other images, other subcommands and unknown arguments are quiet.
	exec.Command("docker", "run", "-p", "127.0.0.1:11211:11211", "memcached")
	exec.Command("docker", "run", "-p", "[::1]:11211:11211", "memcached")
	exec.Command("docker", "run", "-p", "10.0.0.8:11211:11211", "memcached")
	exec.Command("docker", "run", "-p", "8080:80", "nginx")
	exec.Command("docker", "run", "-P", "nginx")
	exec.Command("docker", "run", "--network", "host", "memcached", "-l", "127.0.0.1")
	exec.Command("docker", "run", "--network", "host", "redis")
	exec.Command("docker", "exec", "cache", "memcached-tool", "127.0.0.1:11211")
	exec.Command("docker", "ps", "-p", "11211:11211")
	exec.Command("docker", append([]string{"run"}, extra...)...)
	exec.Command("docker", "run", "-e", "-p", "memcached")
	exec.Command("kubectl", "run", "-p", "11211:11211", "memcached")
}
