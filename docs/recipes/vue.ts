// Vue 3: tell the compiler that `visit-*` tags are custom elements, register them once, and use them in
// templates. Bind objects with `.prop` so they are set as properties, never attributes.
import { createApp, defineComponent, h } from 'vue';
import 'visit-kit/define';

export const BookAVisit = defineComponent({
  props: { apiBase: { type: String, required: true } },
  setup(props) {
    return () =>
      h('visit-provider', { 'api-base': props.apiBase, 'remember-session': '' }, [
        h('visit-booking', { onVisitBooked: (event: Event) => console.info('booked', event) }),
        h('visit-my-visits'),
      ]);
  },
});

export function mount(selector: string, apiBase: string) {
  const app = createApp(BookAVisit, { apiBase });
  app.config.compilerOptions.isCustomElement = (tag) => tag.startsWith('visit-');
  return app.mount(selector);
}
