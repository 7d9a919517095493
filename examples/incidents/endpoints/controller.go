package endpoints

import (
	"context"
	"log"
	"net/http"
	"sync"
	"time"
)

// LoadBalancerAPI is implemented by LBClient and TimeoutLBClient.
type LoadBalancerAPI interface {
	EnsureLoadBalancer(lb *LoadBalancer) error
	EnsureLoadBalancerDeleted(name string) error
}

// EndpointController pushes endpoint changes to the load-balancer API.
type EndpointController struct {
	lb      LoadBalancerAPI
	updates chan *LoadBalancer
}

// NewEndpointController returns a controller that drives lb.
func NewEndpointController(lb LoadBalancerAPI) *EndpointController {
	return &EndpointController{lb: lb, updates: make(chan *LoadBalancer, 100)}
}

// Run starts five workers and blocks until ctx is done.
func (c *EndpointController) Run(ctx context.Context) {
	const workers = 5
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.worker(ctx)
		}()
	}
	wg.Wait()
}

func (c *EndpointController) worker(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case lb := <-c.updates:
			var err error
			if len(lb.Endpoints) == 0 {
				err = c.lb.EnsureLoadBalancerDeleted(lb.Name)
			} else {
				err = c.lb.EnsureLoadBalancer(lb)
			}
			if err != nil {
				log.Printf("syncing load balancer %s: %v", lb.Name, err)
			}
		}
	}
}

// Start runs the controller the way the incident build did, on LBClient.
func Start(ctx context.Context, apiURL string) {
	NewEndpointController(NewLBClient(apiURL)).Run(ctx)
}

// StartSafe runs the controller on the fixed TimeoutLBClient.
func StartSafe(ctx context.Context, apiURL string) {
	NewEndpointController(NewTimeoutLBClient(apiURL)).Run(ctx)
}

// ServeHealthz reproduces the server half of incident 4
// (http-server-no-timeout): http.ListenAndServe uses a zero-value Server, so
// clients that open connections and never finish their headers hold them
// open indefinitely.
func ServeHealthz(addr string) error {
	mux := http.NewServeMux()
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusOK)
	})
	return http.ListenAndServe(addr, mux)
}

// ServeHealthzSafe is the fixed twin: an explicit http.Server with
// ReadHeaderTimeout drops connections that stall while sending headers.
func ServeHealthzSafe(addr string) error {
	mux := http.NewServeMux()
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusOK)
	})
	srv := &http.Server{
		Addr:              addr,
		Handler:           mux,
		ReadHeaderTimeout: 10 * time.Second,
	}
	return srv.ListenAndServe()
}
