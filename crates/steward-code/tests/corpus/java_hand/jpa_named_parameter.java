// expect: safe CWE-89
import javax.ws.rs.*;
import javax.persistence.EntityManager;
import java.util.List;

@Path("/users")
class UserResource {
    private EntityManager em;

    @GET
    public List<?> find(@QueryParam("name") String name) {
        return em.createQuery("SELECT u FROM User u WHERE u.name = :name")
            .setParameter("name", name)
            .getResultList();
    }
}
